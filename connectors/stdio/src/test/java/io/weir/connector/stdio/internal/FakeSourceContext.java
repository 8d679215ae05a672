package io.weir.connector.stdio.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SourceContext;

/** A {@link SourceContext} that hands out a given restored state and records lost connections. */
final class FakeSourceContext implements SourceContext {
    final Map<String, Object> restored;
    final List<String> connectionsLost = new CopyOnWriteArrayList<>();
    long closeTimeoutMillis = 2000;

    FakeSourceContext() {
        this(Map.of());
    }

    FakeSourceContext(Map<String, Object> restored) {
        this.restored = restored;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Map<String, Object> restoredState() {
        return restored;
    }

    @Override
    public void connectionLost(String reason) {
        connectionsLost.add(reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return closeTimeoutMillis;
    }
}
