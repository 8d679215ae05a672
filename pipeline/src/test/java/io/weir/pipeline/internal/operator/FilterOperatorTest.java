package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.ExpressionException;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class FilterOperatorTest {
    private final RecordingEmitter out = new RecordingEmitter();

    private static Operator filter(String expression) {
        return new FilterOperatorFactory().create(new TestContext("f"), Map.of("expression", expression));
    }

    @Test
    public void keepsWhatMatchesAndAcknowledgesTheRest() throws Exception {
        Operator filter = filter("event.level != \"debug\"");
        Event info = event(1, map("level", "info"));
        Event debug = event(2, map("level", "debug"));
        Event none = event(3, map());
        filter.process(info, out);
        filter.process(debug, out);
        filter.process(none, out);
        assertEquals(List.of(info, none), out.emitted);
        assertEquals(List.of("out", "out"), out.ports);
        assertEquals(List.of(debug), out.acked);
        assertTrue(out.failed.isEmpty());
    }

    @Test
    public void canTestMetadata() throws Exception {
        Operator filter = filter("meta.peer == '10.0.0.1'");
        Event event = event(1, "x");
        event.meta().put("peer", "10.0.0.1");
        filter.process(event, out);
        filter.process(event(2, "y"), out);
        assertEquals(List.of(event), out.emitted);
        assertEquals(1, out.acked.size());
    }

    @Test
    public void anExpressionThatIsNotAConditionFailsTheEvent() {
        Operator filter = filter("event.level");
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> filter.process(event(1, map("level", "info")), out));
        assertEquals("node.f.expression: expected true or false from 'event.level', got 'info' (String)",
                e.getMessage());
        assertTrue(out.emitted.isEmpty() && out.acked.isEmpty());
    }

    /**
     * The message goes into the failed event's meta.error: it must say what was wrong, not carry a second
     * copy of the event's data (here 1 MB of text, so the event on err is twice the size it arrived with).
     */
    @Test
    public void theMessageOfAFailedEventDoesNotCopyTheValue() {
        Operator filter = filter("event.body");
        String body = "x".repeat(1_000_000);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> filter.process(event(1, map("body", body)), out));
        assertTrue("message of " + e.getMessage().length() + " characters", e.getMessage().length() < 1000);
    }

    @Test
    public void optionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FilterOperatorFactory().create(new TestContext("f"), Map.of()));
        assertEquals("node.f.expression: missing; for example node.f.expression = event.level != \"debug\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FilterOperatorFactory()
                .create(new TestContext("f"), Map.of("expression", "true", "expresion", "false")));
        assertEquals("node.f.expresion: unknown option for a filter node", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> filter("event.level =="));
        assertTrue(e.getMessage(), e.getMessage().startsWith("node.f.expression: cannot compile"));
    }
}
