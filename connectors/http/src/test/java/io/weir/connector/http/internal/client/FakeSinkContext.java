package io.weir.connector.http.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.SinkContext;

/** The runtime's side of a sink, for tests: records the circuit breaker's transitions. */
final class FakeSinkContext implements SinkContext {
    private final String name;
    private final long closeTimeoutMillis;
    private final List<String> breaker = new ArrayList<>();

    FakeSinkContext(String name, long closeTimeoutMillis) {
        this.name = name;
        this.closeTimeoutMillis = closeTimeoutMillis;
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
    public synchronized void unavailable(String reason) {
        breaker.add("unavailable: " + reason);
    }

    @Override
    public synchronized void available() {
        breaker.add("available");
    }

    @Override
    public synchronized void connectionLost(String reason) {
        breaker.add("lost: " + reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return closeTimeoutMillis;
    }

    synchronized List<String> breaker() {
        return new ArrayList<>(breaker);
    }
}
