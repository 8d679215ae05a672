package io.weir.connector.http.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.weir.api.connector.SourceOutput;

/** Keeps what a source delivers, in order. Thread-safe: tests read it while the manager pulls. */
final class RecordingOutput implements SourceOutput {

    /** One data() or streamEnd() call. */
    record Call(String kind, long stream, long position, byte[] bytes, Map<String, Object> meta) {
        String body() {
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile Consumer<Call> onData = c -> { };

    /** @param onData called with every data() call, on the manager thread */
    void onData(Consumer<Call> onData) {
        this.onData = onData;
    }

    @Override
    public void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta) {
        Call call = new Call("data", stream, position, Arrays.copyOfRange(data, offset, offset + length), meta);
        synchronized (this) {
            calls.add(call);
        }
        onData.accept(call);
    }

    @Override
    public void value(long stream, long position, Object value, Map<String, Object> meta) {
        throw new AssertionError("http_server delivers bytes, not values");
    }

    @Override
    public synchronized void streamEnd(long stream) {
        calls.add(new Call("end", stream, -1, null, null));
    }

    synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    synchronized List<Call> data() {
        List<Call> data = new ArrayList<>();
        for (Call c : calls) {
            if (c.kind().equals("data")) {
                data.add(c);
            }
        }
        return data;
    }

    synchronized int dataCount() {
        return data().size();
    }
}
