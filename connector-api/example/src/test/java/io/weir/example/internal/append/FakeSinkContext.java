package io.weir.example.internal.append;

import java.util.Map;

import io.weir.api.connector.SinkContext;

/** The runtime's side of an open sink, as a test needs it. */
final class FakeSinkContext implements SinkContext {
    private final String name;

    FakeSinkContext(String name) {
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
        throw new AssertionError("the append sink never opens its breaker itself: " + reason);
    }

    @Override
    public void available() {
        throw new AssertionError("the append sink never opens its breaker itself");
    }

    @Override
    public void connectionLost(String reason) {
        throw new AssertionError("the append sink has no connection to lose: " + reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return 5_000;
    }
}
