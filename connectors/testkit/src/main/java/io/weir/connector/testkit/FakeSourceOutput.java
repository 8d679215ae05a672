package io.weir.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.weir.api.connector.SourceOutput;

/**
 * The runtime's side of {@link io.weir.api.connector.Source#pull}, for tests: records every call,
 * copying data chunks as the runtime would consume them. Thread-safe: tests read it while a manager
 * thread pulls.
 */
public final class FakeSourceOutput implements SourceOutput {
    /**
     * One recorded call.
     *
     * @param kind     {@code "data"}, {@code "value"} or {@code "end"}
     * @param stream   the stream
     * @param position the position; -1 for an end
     * @param data     a copy of the chunk, for data
     * @param value    the value, for a value
     * @param meta     the metadata; null for an end
     */
    public record Item(String kind, long stream, long position, byte[] data, Object value, Map<String, Object> meta) {
        /** @return the chunk as UTF-8 text; null when this is no data */
        public String text() {
            return data == null ? null : new String(data, StandardCharsets.UTF_8);
        }
    }

    private final boolean acceptsValues;
    private final List<Item> items = new ArrayList<>();
    private volatile Consumer<Item> onData = item -> { };
    private volatile boolean full;

    /** An output that records data, values and stream ends. */
    public FakeSourceOutput() {
        this(true);
    }

    private FakeSourceOutput(boolean acceptsValues) {
        this.acceptsValues = acceptsValues;
    }

    /** @return an output for a byte source: a {@link #value} call fails with an AssertionError */
    public static FakeSourceOutput bytesOnly() {
        return new FakeSourceOutput(false);
    }

    /**
     * @param full what {@link #full()} answers from now on: {@code true} plays a server without room, so a test
     *             checks that its source ends the pull and goes on at the next one without losing anything
     */
    public void full(boolean full) {
        this.full = full;
    }

    @Override
    public boolean full() {
        return full;
    }

    /** @param onData called with every data item, on the thread that delivered it, after it is recorded */
    public void onData(Consumer<Item> onData) {
        this.onData = onData;
    }

    @Override
    public void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta) {
        Item item = new Item("data", stream, position, Arrays.copyOfRange(data, offset, offset + length), null, meta);
        synchronized (this) {
            items.add(item);
        }
        onData.accept(item);
    }

    @Override
    public synchronized void value(long stream, long position, Object value, Map<String, Object> meta) {
        if (!acceptsValues) {
            throw new AssertionError("this source delivers bytes, not values; got " + value);
        }
        items.add(new Item("value", stream, position, null, value, meta));
    }

    @Override
    public synchronized void streamEnd(long stream) {
        items.add(new Item("end", stream, -1, null, null, null));
    }

    /** @return every recorded call, oldest first */
    public synchronized List<Item> items() {
        return List.copyOf(items);
    }

    /** Forgets what was recorded so far. */
    public synchronized void clear() {
        items.clear();
    }

    /** @return the data items, oldest first */
    public List<Item> data() {
        return ofKind("data");
    }

    /** @return the value items, oldest first */
    public List<Item> values() {
        return ofKind("value");
    }

    /** @return the concatenated text of every data item */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Item item : data()) {
            text.append(item.text());
        }
        return text.toString();
    }

    /** @return the concatenated text of the data items of one stream */
    public String text(long stream) {
        StringBuilder text = new StringBuilder();
        for (Item item : data()) {
            if (item.stream() == stream) {
                text.append(item.text());
            }
        }
        return text.toString();
    }

    /** @return the ids of the streams that were ended, in order */
    public List<Long> ended() {
        return ofKind("end").stream().map(Item::stream).toList();
    }

    private synchronized List<Item> ofKind(String kind) {
        return items.stream().filter(i -> i.kind().equals(kind)).toList();
    }
}
