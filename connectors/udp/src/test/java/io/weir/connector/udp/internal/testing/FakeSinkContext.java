package io.weir.connector.udp.internal.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SinkContext;

/** A {@link SinkContext} that records breaker calls and connection losses. */
public final class FakeSinkContext implements SinkContext {
    private final String name;
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public FakeSinkContext(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
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
        calls.add("lost: " + reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return 5000;
    }
}
