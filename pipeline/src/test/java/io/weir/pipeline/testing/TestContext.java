package io.weir.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.operator.OperatorContext;

/** An {@link OperatorContext} for operator tests; records pause and resume requests. */
public final class TestContext implements OperatorContext {
    private final String name;
    private final Map<String, Object> restored;
    public final List<String> pauses = new ArrayList<>();
    public int resumes;
    public boolean paused;

    public TestContext(String name) {
        this(name, Map.of());
    }

    public TestContext(String name, Map<String, Object> restored) {
        this.name = name;
        this.restored = restored;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String pipeline() {
        return "test";
    }

    @Override
    public Map<String, Object> restoredState() {
        return restored;
    }

    @Override
    public void pauseUpstream(String reason) {
        pauses.add(reason);
        paused = true;
    }

    @Override
    public void resumeUpstream() {
        resumes++;
        paused = false;
    }
}
