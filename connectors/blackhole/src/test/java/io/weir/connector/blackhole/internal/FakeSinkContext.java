package io.weir.connector.blackhole.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SinkContext;

/** A {@link SinkContext} that records what the sink tells the runtime. */
final class FakeSinkContext implements SinkContext {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Map<String, Object> restoredState() {
        return Map.of();
    }

    @Override
    public void unavailable(String reason) {
        calls.add("unavailable: " + reason);
    }

    @Override
    public void available() {
        calls.add("available");
    }

    @Override
    public void connectionLost(String reason) {
        calls.add("connectionLost: " + reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return 2000;
    }
}
