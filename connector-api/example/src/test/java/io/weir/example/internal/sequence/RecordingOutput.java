package io.weir.example.internal.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.SourceOutput;

/** Keeps what a source delivers. */
final class RecordingOutput implements SourceOutput {

    /** One structured value as delivered. */
    record Delivered(long stream, long position, Object value, Map<String, Object> meta) {
    }

    final List<Delivered> values = new ArrayList<>();

    @Override
    public void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta) {
        throw new AssertionError("the sequence source delivers structured values, not bytes");
    }

    @Override
    public void value(long stream, long position, Object value, Map<String, Object> meta) {
        values.add(new Delivered(stream, position, value, meta));
    }

    @Override
    public void streamEnd(long stream) {
        throw new AssertionError("the sequence source never ends its stream");
    }

    /** @return the n of every value delivered so far */
    List<Long> ns() {
        List<Long> ns = new ArrayList<>();
        for (Delivered d : values) {
            ns.add((Long) ((Map<?, ?>) d.value()).get("n"));
        }
        return ns;
    }
}
