package io.weir.connector.file.internal.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SourceContext;

/** A {@link SourceContext} with a name, optional restored state, and the connection losses reported. */
public final class FakeSourceContext implements SourceContext {
    private final String name;
    private final Map<String, Object> restored;
    public final List<String> lost = new CopyOnWriteArrayList<>();

    public FakeSourceContext(String name) {
        this(name, Map.of());
    }

    public FakeSourceContext(String name, Map<String, Object> restored) {
        this.name = name;
        this.restored = restored;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> restoredState() {
        return restored;
    }

    @Override
    public void connectionLost(String reason) {
        lost.add(reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return 5000;
    }
}
