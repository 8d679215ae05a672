package io.weir.benchmarks.layout;

import java.util.Map;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.runtime.internal.manager.Batch;
import io.weir.runtime.internal.manager.Inbox;
import io.weir.runtime.internal.manager.ManagerOptions;

/**
 * One flow of {@link ManyFlowsLayoutBenchmark}: its source stage decodes the next lines into a batch of
 * events, its sink stage encodes them. Each stage is only ever run by one thread at a time; the layout
 * decides which threads and how the batch travels between them.
 */
final class FlowModel {
    /** The runtime's default {@code batch.size}. */
    static final int BATCH = ManagerOptions.DEFAULTS.batchSize();

    /** The queue between the stages when each has a thread of its own ({@link FlowLayout#THREAD_PER_STAGE}). */
    final Inbox inbox;
    private final int index;
    private final byte[][] lines;
    private final Decoder decoder;
    private final Encoder encoder;
    private final int quota;
    private int produced;
    private int consumed;
    private long bytes;

    FlowModel(int index, byte[][] lines, Codec codec, int quota) {
        this.index = index;
        this.lines = lines;
        this.decoder = codec.decoder(Map.of());
        this.encoder = codec.encoder(Map.of());
        this.quota = quota;
        // Bounded as the runtime bounds a sink's inbox by default: queue.capacity and queue.capacity_bytes.
        this.inbox = new Inbox("sink/model-" + index, ManagerOptions.DEFAULTS.queueCapacity(),
                ManagerOptions.DEFAULTS.queueBytes());
    }

    /** @return {@code count} flows of {@code quota} events each, each with its own decoder and encoder */
    static FlowModel[] flows(int count, byte[][] lines, Codec codec, int quota) {
        FlowModel[] flows = new FlowModel[count];
        for (int i = 0; i < count; i++) {
            flows[i] = new FlowModel(i, lines, codec, quota);
        }
        return flows;
    }

    /** @return the bytes all the flows encoded; fails unless each consumed what it produced, its whole quota */
    static long checkAll(FlowModel[] flows) {
        long bytes = 0;
        for (FlowModel flow : flows) {
            bytes += flow.check();
        }
        return bytes;
    }

    /** @return the next batch, or {@code null} once the flow's quota has been produced */
    Batch produce() {
        int n = Math.min(BATCH, quota - produced);
        if (n == 0) {
            return null;
        }
        Batch batch = new Batch("out", n);
        long ingest = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int sequence = produced + i;
            byte[] line = lines[sequence % lines.length];
            try {
                Object value = decoder.decode(line, 0, line.length);
                batch.add(new Event(new EventId("model", index, sequence, sequence), ingest, value, Map.of()), null);
            } catch (CodecException e) {
                throw new IllegalStateException("a line of the data set does not decode", e);
            }
        }
        produced += n;
        return batch;
    }

    void consume(Batch batch) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                bytes += encoder.encode(batch.event(i).value()).length;
            } catch (CodecException e) {
                throw new IllegalStateException("an event of the data set does not encode", e);
            }
        }
        consumed += batch.size();
    }

    int index() {
        return index;
    }

    boolean consumedAll() {
        return consumed == quota;
    }

    /** @return the bytes encoded; fails unless every event produced was consumed */
    long check() {
        if (consumed != quota || produced != quota) {
            throw new IllegalStateException("flow " + index + ": produced " + produced + ", consumed " + consumed
                    + " of " + quota);
        }
        return bytes;
    }
}
