package io.weir.connector.stdio.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.SourceOutput;

/** A {@link SourceOutput} that records every call, copying data chunks as the runtime would consume them. */
final class FakeSourceOutput implements SourceOutput {
    /** One recorded call: a data chunk, a value or a stream end. */
    static final class Item {
        final String kind;
        final long stream;
        final long position;
        final byte[] data;
        final Object value;
        final Map<String, Object> meta;

        Item(String kind, long stream, long position, byte[] data, Object value, Map<String, Object> meta) {
            this.kind = kind;
            this.stream = stream;
            this.position = position;
            this.data = data;
            this.value = value;
            this.meta = meta;
        }
    }

    final List<Item> items = new ArrayList<>();

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
}
