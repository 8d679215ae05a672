package io.weir.connector.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SinkContext;

/**
 * The runtime's side of an open sink, for tests: a name, a close timeout, and a record of the
 * circuit breaker calls and connection losses the sink reported. Thread-safe, as the real one is.
 */
public final class FakeSinkContext implements SinkContext {
    private final String name;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile long closeTimeoutMillis = 5000;

    /** A context named {@code test}. */
    public FakeSinkContext() {
        this("test");
    }

    /** @param name the instance name, which connectors put in thread names and messages */
    public FakeSinkContext(String name) {
        this.name = name;
    }

    /**
     * @param millis what {@link #closeTimeoutMillis()} answers from now on (5000 until set)
     * @return this context
     */
    public FakeSinkContext withCloseTimeoutMillis(long millis) {
        this.closeTimeoutMillis = millis;
        return this;
    }

    /**
     * @return every call, oldest first: {@code "unavailable: <reason>"}, {@code "available"} or
     *         {@code "lost: <reason>"}
     */
    public List<String> calls() {
        return List.copyOf(calls);
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
        return closeTimeoutMillis;
    }
}
