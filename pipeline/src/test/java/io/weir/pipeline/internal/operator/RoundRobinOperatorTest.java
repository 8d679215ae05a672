package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class RoundRobinOperatorTest {
    private final RecordingEmitter out = new RecordingEmitter();
    private final TestContext context = new TestContext("rr");

    private void send(RoundRobinOperator operator, int events) throws Exception {
        for (int i = 0; i < events; i++) {
            operator.process(event(i, i), out);
        }
    }

    @Test
    public void takesTurns() throws Exception {
        RoundRobinOperator operator = new RoundRobinOperator(context, List.of("a", "b", "c"));
        send(operator, 7);
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "a"), out.ports);
    }

    @Test
    public void anUnhealthyOutputIsOutOfRotationUntilItRecovers() throws Exception {
        RoundRobinOperator operator = new RoundRobinOperator(context, List.of("a", "b", "c"));
        operator.portHealth("b", false);
        send(operator, 4);
        assertEquals(List.of("a", "c", "a", "c"), out.ports);
        operator.portHealth("b", true);
        out.clear();
        send(operator, 3);
        assertEquals(List.of("a", "b", "c"), out.ports);
        assertTrue(context.pauses.isEmpty());
    }

    @Test
    public void withEveryOutputDownItPausesTheSourcesAndFailsWhatStillArrives() throws Exception {
        RoundRobinOperator operator = new RoundRobinOperator(context, List.of("a", "b"));
        operator.portHealth("a", false);
        operator.portHealth("b", false);
        assertEquals(List.of("every output of node rr is out of rotation"), context.pauses);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> send(operator, 1));
        assertEquals("node.rr: every output is out of rotation (a, b lead to unhealthy outputs)", e.getMessage());
        operator.portHealth("b", true);
        assertFalse(context.paused);
        send(operator, 2);
        assertEquals(List.of("b", "b"), out.ports);
    }

    @Test
    public void repeatedSignalsChangeNothing() throws Exception {
        RoundRobinOperator operator = new RoundRobinOperator(context, List.of("a", "b"));
        operator.portHealth("a", true);
        operator.portHealth("b", false);
        operator.portHealth("b", false);
        operator.portHealth("unknown", false);
        send(operator, 2);
        assertEquals(List.of("a", "a"), out.ports);
        assertTrue(context.pauses.isEmpty());
    }

    @Test
    public void theRotationSurvivesAHotSwap() throws Exception {
        RoundRobinOperator operator = new RoundRobinOperator(context, List.of("a", "b", "c"));
        send(operator, 2);
        Map<String, Object> state = operator.snapshot();
        assertEquals(Map.of("next", 2L), state);
        RoundRobinOperator replacement = new RoundRobinOperator(new TestContext("rr", state), List.of("a", "b", "c"));
        out.clear();
        send(replacement, 2);
        assertEquals(List.of("c", "a"), out.ports);
        RoundRobinOperator fewer = new RoundRobinOperator(new TestContext("rr", state), List.of("a", "b"));
        out.clear();
        send(fewer, 1);
        assertEquals(List.of("a"), out.ports);
        RoundRobinOperator garbage = new RoundRobinOperator(new TestContext("rr", Map.of("next", "x")), List.of("a"));
        send(garbage, 1);
    }

    @Test
    public void optionsAreChecked() {
        RoundRobinOperatorFactory factory = new RoundRobinOperatorFactory();
        assertEquals("node.rr.outputs: missing; for example node.rr.outputs = a, b",
                assertThrows(IllegalArgumentException.class, () -> factory.create(context, Map.of())).getMessage());
        assertEquals("node.rr.outputs: names a port twice: a, b, a", assertThrows(IllegalArgumentException.class,
                () -> factory.create(context, Map.of("outputs", "a, b, a"))).getMessage());
        assertEquals("node.rr.outputs: err is every node's error port; name the outputs differently",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("outputs", "a, err"))).getMessage());
        assertEquals("node.rr.outputs: 'a b' is not a valid port name (letters, digits, '_' and inner '-')",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("outputs", "a b"))).getMessage());
        factory.create(context, Map.of("outputs", new String[] {"a", "b"}));
    }
}
