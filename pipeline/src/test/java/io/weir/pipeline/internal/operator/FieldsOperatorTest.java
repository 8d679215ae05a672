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

    /**
     * An event that fails goes to the err port as it arrived (compare aFailingExpressionLeavesTheEventUnchanged):
     * a rename or set that fails on the way must not leave it with its removes and earlier renames done.
     * Here the field being renamed is gone from the event that reaches err.
     */
    @Test
    public void aFailingRenameLeavesTheEventAsItArrived() {
        Operator fields = fields("rename.msg", "body.text");
        Map<String, Object> value = map("msg", "the only copy", "body", "plain");
        Event event = event(1, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fields.process(event, out));
        assertEquals("node.enrich.rename.msg: cannot set body.text because event.body is a String, not a map",
                e.getMessage());
        assertEquals(map("msg", "the only copy", "body", "plain"), event.value());
    }

    @Test
    public void aFailingSetLeavesTheEventAsItArrived() {
        Operator fields = fields("remove", "debug", "set.http.status", "200");
        Map<String, Object> value = map("debug", "x", "http", List.of(1L));
        Event event = event(1, value);
        assertThrows(IllegalArgumentException.class, () -> fields.process(event, out));
        assertEquals(map("debug", "x", "http", List.of(1L)), event.value());
    }

    /**
     * Renames move fields as they arrived, like the set expressions see them: the result must not depend on
     * the alphabetical order of the source names. Applied one after another in key order, a swap loses a value
     * and a chain moves one value twice.
     */
    @Test
    public void renamesMoveTheFieldsAsTheyArrived() throws Exception {
        assertEquals(map("a", 2L, "b", 1L), run(fields("rename.a", "b", "rename.b", "a"), map("a", 1L, "b", 2L)));
        out.clear();
        // Same intent, other names: rename.x = b, rename.b = c gives {b=1, c=2}; with a instead of x:
        assertEquals(map("b", 1L, "c", 2L), run(fields("rename.a", "b", "rename.b", "c"), map("a", 1L, "b", 2L)));
    }

    /** A file whose paths contradict each other fails every event; it should be refused when read. */
    @Test
    public void pathsThatContradictEachOtherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fields("set.a", "1", "set.a.b", "2"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("node.enrich.set.a"));
        e = assertThrows(IllegalArgumentException.class, () -> fields("rename.a", "x", "rename.b", "x"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("node.enrich.rename."));
    }

    /** The check before any change knows what the removes and renames take away on the way to a target. */
    @Test
    public void aFieldTakenAwayIsNoObstacle() throws Exception {
        assertEquals(map("body", map("text", "m")),
                run(fields("remove", "body", "rename.msg", "body.text"), map("msg", "m", "body", "plain")));
        out.clear();
        assertEquals(map("old", "plain", "body", map("text", 1L)),
                run(fields("rename.body", "old", "set.body.text", "1"), map("body", "plain")));
        out.clear();
        // An absent source moves nothing, so its target is never set and cannot fail.
        assertEquals(map("body", "plain"), run(fields("rename.msg", "body.text"), map("body", "plain")));
        out.clear();
        // A removed source is absent too.
        assertEquals(map("body", "plain"),
                run(fields("remove", "msg", "rename.msg", "body.text"), map("msg", "m", "body", "plain")));
    }

    /** A source inside another source is taken out of it first. */
    @Test
    public void aSourceInsideAnotherLeavesIt() throws Exception {
        assertEquals(map("x", map("c", 2L), "y", 1L),
                run(fields("rename.a", "x", "rename.a.b", "y"), map("a", map("b", 1L, "c", 2L))));
    }

    @Test
    public void contradictingTargetsAreNamed() {
        assertEquals("node.enrich.set.a: a and a.b (node.enrich.set.a.b) contradict: a.b is inside a; write the "
                + "field or fields inside it, not both",
                assertThrows(IllegalArgumentException.class, () -> fields("set.a", "1", "set.a.b", "2")).getMessage());
        assertEquals("node.enrich.rename.m: a.b and a (node.enrich.set.a) contradict: a.b is inside a; write the "
                + "field or fields inside it, not both",
                assertThrows(IllegalArgumentException.class, () -> fields("rename.m", "a.b", "set.a", "2"))
                        .getMessage());
        assertEquals("node.enrich.rename.a: x is also written by node.enrich.rename.b; give each field one new value",
                assertThrows(IllegalArgumentException.class, () -> fields("rename.a", "x", "rename.b", "x"))
                        .getMessage());
        assertEquals("node.enrich.rename.a: x is also written by node.enrich.set.x; give each field one new value",
                assertThrows(IllegalArgumentException.class, () -> fields("rename.a", "x", "set.x", "1"))
                        .getMessage());
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
