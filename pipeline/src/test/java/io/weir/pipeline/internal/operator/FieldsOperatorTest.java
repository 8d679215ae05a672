package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.ExpressionException;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class FieldsOperatorTest {
    private final RecordingEmitter out = new RecordingEmitter();

    private static Operator fields(Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return new FieldsOperatorFactory().create(new TestContext("enrich"), map);
    }

    private Object run(Operator operator, Object value) throws Exception {
        Event event = event(1, value);
        operator.process(event, out);
        assertEquals(List.of(event), out.emitted);
        return event.value();
    }

    @Test
    public void setsRenamesAndRemoves() throws Exception {
        Operator fields = fields("rename.level", "severity", "set.proc", "\"weir\"", "set.size_kb", "event.bytes / 1024",
                "remove", "debug, tmp");
        Object value = run(fields, map("level", "info", "bytes", 4096L, "debug", true, "tmp", 1L, "keep", "k"));
        assertEquals(map("keep", "k", "bytes", 4096L, "severity", "info", "proc", "weir", "size_kb", 4L), value);
    }

    @Test
    public void pathsUseInternedKeys() {
        // Decoders' keys are interned: a path's key found by identity is the same key (see ArrayMap.indexOf).
        Map<String, Object> root = new io.weir.pipeline.internal.event.ArrayMap<>();
        FieldPath.parse("set.proc", new String("http.proc".toCharArray())).set(root, "weir");
        Map<?, ?> http = (Map<?, ?>) root.get("http");
        assertSame("http", root.keySet().iterator().next());
        assertSame("proc", http.keySet().iterator().next());
    }

    @Test
    public void setExpressionsSeeTheEventAsItArrived() throws Exception {
        Operator fields = fields("rename.a", "b", "set.copy", "event.a", "remove", "c", "set.c_was", "event.c");
        assertEquals(map("b", 1L, "copy", 1L, "c_was", 2L), run(fields, map("a", 1L, "c", 2L)));
    }

    @Test
    public void nestedPathsCreateMapsOnTheWay() throws Exception {
        Operator fields = fields("set.http.status", "200", "rename.flat", "moved.deep.name", "remove", "gone.inner");
        Object value = run(fields, map("flat", "x", "gone", map("inner", 1L, "kept", 2L)));
        assertEquals(map("gone", map("kept", 2L), "moved", map("deep", map("name", "x")), "http", map("status", 200L)),
                value);
    }

    @Test
    public void missingFieldsAreLeftAlone() throws Exception {
        Operator fields = fields("rename.absent", "other", "remove", "also.absent");
        assertEquals(map("a", 1L), run(fields, map("a", 1L)));
    }

    @Test
    public void readOnlyMapsAreCopiedBeforeTheyChange() throws Exception {
        Operator fields = fields("set.inner.b", "2", "set.top", "true");
        Object value = run(fields, Map.of("inner", Map.of("a", 1L)));
        assertEquals(map("inner", map("a", 1L, "b", 2L), "top", true), value);
    }

    @Test
    public void computedValuesBecomeEventData() throws Exception {
        Operator fields = fields("set.list", "[1, 2]", "set.map", "{'k': 1}", "set.nothing", "null");
        assertEquals(map("list", List.of(1L, 2L), "map", map("k", 1L), "nothing", null), run(fields, map()));
    }

    @Test
    public void anEventThatIsNotAMapFails() {
        Operator fields = fields("set.a", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fields.process(event(1, "text"), out));
        assertEquals("node.enrich: the event is a String, not a map; fields changes map events only", e.getMessage());
    }

    @Test
    public void settingThroughAValueThatIsNotAMapFails() {
        Operator fields = fields("set.a.b", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fields.process(event(1, map("a", "text")), out));
        assertEquals("node.enrich.set.a.b: cannot set a.b because event.a is a String, not a map", e.getMessage());
    }

    @Test
    public void aFailingExpressionLeavesTheEventUnchanged() {
        Operator fields = fields("remove", "a", "set.b", "event.missing + 1");
        Map<String, Object> value = map("a", 1L);
        ExpressionException e = assertThrows(ExpressionException.class, () -> fields.process(event(1, value), out));
        assertTrue(e.getMessage(), e.getMessage().startsWith("node.enrich.set.b: "));
        assertEquals(map("a", 1L), value);
    }

    @Test
    public void optionsAreChecked() {
        assertEquals("node.enrich: nothing to do; give set.<field>, rename.<field> or remove",
                assertThrows(IllegalArgumentException.class, () -> fields()).getMessage());
        assertEquals("node.enrich.rename.a: empty; give the new name of a",
                assertThrows(IllegalArgumentException.class, () -> fields("rename.a", " ")).getMessage());
        assertEquals("node.enrich.remove: 'a..b' is not a field path; write field or field.inner",
                assertThrows(IllegalArgumentException.class, () -> fields("remove", "a..b")).getMessage());
        assertEquals("node.enrich.sett.a: unknown option for a fields node",
                assertThrows(IllegalArgumentException.class, () -> fields("set.a", "1", "sett.a", "2")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fields("set.a", "weir")).getMessage()
                .startsWith("node.enrich.set.a: unknown name 'weir'"));
    }
}
