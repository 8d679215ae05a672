package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.graph.PortAware;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class RouteOperatorTest {
    private final RecordingEmitter out = new RecordingEmitter();

    private static Operator route(Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return new RouteOperatorFactory().create(new TestContext("r"), map);
    }

    @Test
    public void theFirstMatchingRuleInOrderWins() throws Exception {
        Operator route = route("route.errors", "event.level == 'error'", "route.slow", "event.ms > 1000",
                "order", "slow, errors");
        route.process(event(1, map("level", "error", "ms", 5000L)), out);
        route.process(event(2, map("level", "error", "ms", 5L)), out);
        route.process(event(3, map("level", "info", "ms", 5L)), out);
        assertEquals(List.of("slow", "errors", "out"), out.ports);
        assertEquals(Set.of("slow", "errors", "out"), ((PortAware) route).outputPorts());
    }

    @Test
    public void oneRuleNeedsNoOrderAndTheDefaultPortCanBeNamed() throws Exception {
        Operator route = route("route.errors", "event.level == 'error'", "default", "rest");
        route.process(event(1, map("level", "info")), out);
        route.process(event(2, map("level", "error")), out);
        assertEquals(List.of("rest", "errors"), out.ports);
    }

    @Test
    public void optionsAreChecked() {
        assertEquals("node.r.route.<port>: missing; give at least one rule, for example node.r.route.errors = "
                + "event.level == \"error\"", assertThrows(IllegalArgumentException.class, () -> route()).getMessage());
        assertEquals("node.r.order: missing; with more than one rule, list the ports in the order their rules are "
                + "tried, for example node.r.order = a, b", assertThrows(IllegalArgumentException.class,
                        () -> route("route.a", "true", "route.b", "false")).getMessage());
        assertEquals("node.r.order: lists a, c but the rules are route.a, route.b; list each rule's port once",
                assertThrows(IllegalArgumentException.class,
                        () -> route("route.a", "true", "route.b", "false", "order", "a, c")).getMessage());
        assertEquals("node.r.order: lists a, b, a but the rules are route.a, route.b; list each rule's port once",
                assertThrows(IllegalArgumentException.class,
                        () -> route("route.a", "true", "route.b", "false", "order", "a, b, a")).getMessage());
        assertEquals("node.r.default: 'a' is also a rule's port; the default port takes the events no rule matches",
                assertThrows(IllegalArgumentException.class, () -> route("route.a", "true", "default", "a"))
                        .getMessage());
        assertEquals("node.r.route.dropped: 'dropped' cannot name a port: in, dropped, failed and thrown are the "
                + "names of a node's counters", assertThrows(IllegalArgumentException.class,
                        () -> route("route.dropped", "true")).getMessage());
    }
}
