package io.weir.runtime.internal.manager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.weir.api.codec.Decoder;
import io.weir.api.processor.Processor;

/**
 * The streams a source's manager left open when it stopped for a swap or a restart, for the next manager on
 * the same slot. Per stream: its preprocessors with what they buffer (for one whose plugin goes away, what
 * it had not handed on, for its new version), its decoder unless its codec goes away, the sequence number
 * of its next event, its last position and metadata. The next instance continues a stream with
 * {@code SourceContext.continueStream}; the next manager ends the others once that instance opened, as the
 * stopping manager would have.
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
     * @param processors   its preprocessors, in chain order, {@code null} where the plugin goes away; the list is
     *                     {@code null} when the stream had no chain (values only, or no data since the chain was
     *                     last replaced)
     * @param unprocessed  per stage, what the processor of a plugin that goes away had not handed on, for the new
     *                     version's processor; {@code null} where the processor is kept
     * @param decoder      its decoder, or {@code null}
     * @param decoderKept  whether {@code decoder} may go on (its codec stays); else the next manager makes one of
     *                     the codec's new version
     */
    record Carried(long id, long nextSequence, long position, Map<String, Object> meta, List<Processor> processors,
            byte[][] unprocessed, Decoder decoder, boolean decoderKept) {
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

    /** @return how many streams are left open */
    public int size() {
        return streams.size();
    }

    /** @return the ids of the streams left open, for tests and messages */
    public Set<Long> ids() {
        return Set.copyOf(streams.keySet());
    }
}
