package io.weir.connector.tcp.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.SourceOutput;

/** A {@link SourceOutput} that records every call, copying data as the runtime would consume it. */
public final class FakeSourceOutput implements SourceOutput {
    /** One recorded call: a data chunk, a value or a stream end. */
    public record Item(String kind, long stream, long position, byte[] data, Object value, Map<String, Object> meta) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    public final List<Item> items = new ArrayList<>();

    @Override
    public void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta) {
        items.add(new Item("data", stream, position, Arrays.copyOfRange(data, offset, offset + length), null, meta));
    }

    @Override
    public void value(long stream, long position, Object value, Map<String, Object> meta) {
        items.add(new Item("value", stream, position, null, value, meta));
    }

    @Override
    public void streamEnd(long stream) {
        items.add(new Item("end", stream, -1, null, null, null));
    }

    /** @return the data items, in order */
    public List<Item> data() {
        return items.stream().filter(i -> i.kind.equals("data")).toList();
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
            if (item.stream == stream) {
                text.append(item.text());
            }
        }
        return text.toString();
    }

    /** @return the ids of the streams that were ended, in order */
    public List<Long> ended() {
        return items.stream().filter(i -> i.kind.equals("end")).map(Item::stream).toList();
    }
}
