package io.weir.example.internal.sequence;

import java.util.Map;

import io.weir.api.connector.SourceContext;

/** The runtime's side of an open source, as a test needs it. */
final class FakeSourceContext implements SourceContext {
    private final String name;
    private final Map<String, Object> restoredState;

    FakeSourceContext(String name, Map<String, Object> restoredState) {
        this.name = name;
        this.restoredState = restoredState;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> restoredState() {
        return restoredState;
    }

    @Override
    public void connectionLost(String reason) {
        throw new AssertionError("the sequence source has no connection to lose: " + reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return 5_000;
    }
}
