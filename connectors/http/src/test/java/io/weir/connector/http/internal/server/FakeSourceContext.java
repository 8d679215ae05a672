package io.weir.connector.http.internal.server;

import java.util.Map;

import io.weir.api.connector.SourceContext;

/** The runtime's side of a source, for tests. */
final class FakeSourceContext implements SourceContext {
    private final String name;
    volatile String connectionLost;

    FakeSourceContext(String name) {
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
    public void connectionLost(String reason) {
        connectionLost = reason;
    }

    @Override
    public long closeTimeoutMillis() {
        return 5000;
    }
}
