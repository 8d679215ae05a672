package io.weir.runtime.internal.manager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The streams a source's manager left open when it stopped for a swap or a restart, for the next manager on
 * the same slot. Per stream: its decode chain (the preprocessors with what they buffer, and the decoder
 * unless its codec went away), the sequence number of its next event, its last position and metadata. The
 * next instance continues a stream with {@code SourceContext.continueStream}; the next manager ends the
 * others once that instance opened, as the stopping manager would have.
 *
 * <p>Only the manager threads use it, one after the other: the slot hands it from the stopped one to the
 * next.
 */
public final class CarriedStreams {
    private final SourceSetup setup;
    private final Map<Long, Carried> streams = new LinkedHashMap<>();

    /**
     * One stream left open.
     *
     * @param id           the stream id
     * @param nextSequence the sequence number of its next event
     * @param position     the position of the last data
     * @param meta         the metadata of the last data
     * @param chain        its decode chain; {@code null} when it had none (values only, or no data since the
     *                     chain was last replaced)
     * @param decoderKept  whether {@code chain}'s decoder may go on (its codec stays); else the next manager
     *                     gives the chain a decoder of the codec's new version
     */
    record Carried(long id, long nextSequence, long position, Map<String, Object> meta, DecodeChain chain,
            boolean decoderKept) {
    }

    /** @param setup the setup of the manager that left them open: its codec and preprocessors made the chains */
    CarriedStreams(SourceSetup setup) {
        this.setup = setup;
    }

    /** @return the setup of the manager that left them open */
    SourceSetup setup() {
        return setup;
    }

    void add(Carried stream) {
        streams.put(stream.id(), stream);
    }

    /** @return the streams by id, in the order they were left open */
    Map<Long, Carried> streams() {
        return streams;
    }

    /** @return the same streams, none of which keeps its decoder: the codec goes away */
    CarriedStreams withoutDecoders() {
        CarriedStreams copy = new CarriedStreams(setup);
        for (Carried stream : streams.values()) {
            copy.add(new Carried(stream.id(), stream.nextSequence(), stream.position(), stream.meta(), stream.chain(),
                    false));
        }
        return copy;
    }

    /** @return how many streams are left open */
    public int size() {
        return streams.size();
    }

    /** @return the ids of the streams left open, for tests and messages */
    public java.util.Set<Long> ids() {
        return java.util.Set.copyOf(streams.keySet());
    }
}
