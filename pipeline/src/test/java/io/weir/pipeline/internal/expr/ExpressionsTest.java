package io.weir.pipeline.internal.expr;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.pipeline.internal.event.ArrayMap;

public class ExpressionsTest {
    private static final String KEY = "node.n.expression";

    private static Object eval(String source, Object value) {
        Event event = event(1, value);
        event.meta().put("peer", "10.0.0.1");
        return Expressions.compile(KEY, source).value(new EventScope().bind(event));
    }

    /** @return the message of the refusal, at compile time or when evaluated */
    private static String refused(String source) {
        Expression expression;
        try {
            expression = Expressions.compile(KEY, source);
        } catch (IllegalArgumentException compileTime) {
            assertTrue(compileTime.getMessage(), compileTime.getMessage().startsWith(KEY + ": "));
            return compileTime.getMessage();
        }
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> expression.raw(new EventScope().bind(event(1, map("level", "info")))));
        assertTrue(e.getMessage(), e.getMessage().startsWith(KEY + ": "));
        return e.getMessage();
    }

    @Test
    public void readsEventFieldsAndMetadata() {
        Map<String, Object> value = map("level", "info", "http", map("status", 404L));
        assertEquals(true, eval("event.level != \"debug\"", value));
        assertEquals(true, eval("event.http.status >= 400 && event.level == 'info'", value));
        assertEquals("10.0.0.1", eval("meta.peer", value));
        assertEquals("INFO", eval("event.level.toUpperCase()", value));
        assertEquals(true, eval("event.level =~ 'in.*'", value));
        assertEquals(4L, eval("size(event.level)", value));
    }

    @Test
    public void aMissingFieldIsNullAndComparesAsSuch() {
        assertEquals(true, eval("event.level != 'debug'", map()));
        assertEquals(true, eval("event.level == null", map()));
        assertEquals("none", eval("event.level ?? 'none'", map()));
    }

    @Test
    public void strictModeReportsMistakesWithTheKey() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> eval("event.missing.inner", map()));
        assertTrue(e.getMessage(), e.getMessage().startsWith(KEY + ": ") && e.getMessage().contains("missing"));
        e = assertThrows(ExpressionException.class, () -> eval("event.n + 1", map()));
        assertTrue(e.getMessage(), e.getMessage().contains("null"));
        e = assertThrows(ExpressionException.class, () -> eval("event.n / 0", map("n", 1L)));
        assertTrue(e.getMessage(), e.getMessage().startsWith(KEY));
    }

    @Test
    public void unknownNamesAreRefusedAtCompileTimeWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expressions.compile(KEY, "level == debug"));
        assertEquals(KEY + ": unknown name 'level' in 'level == debug'; expressions see only event and meta "
                + "(write text in quotes: \"level\")", e.getMessage());
    }

    /**
     * "A failing expression ... goes to the node's err port with the message, which names the key". JEXL's
     * script cache is keyed by the text only, so the second node (or pipeline) with the same expression gets
     * the first one's script, and its messages name the first one's key: "node.second.expression:
     * node.first.expression@1:1 undefined property ...".
     */
    @Test
    public void errorsNameTheirOwnKeyWhenAnotherExpressionHasTheSameText() {
        String source = "event.cached_http.status >= 500";
        Expressions.compile("node.first.expression", source);
        Expression second = Expressions.compile("node.second.expression", source);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> second.test(new EventScope().bind(event(1, map()))));
        assertTrue(e.getMessage(), e.getMessage().startsWith("node.second.expression: "));
        assertFalse(e.getMessage(), e.getMessage().contains("node.first"));
    }

    /**
     * "Names other than event and meta are refused when the file is read": a function name is such a name,
     * and no function but JEXL's own size() and empty() can ever be found (no namespaces, no functions in
     * the context). abs(...) or a typo such as sise(...) is accepted and fails every event instead.
     */
    @Test
    public void unknownFunctionsAreRefusedAtCompileTime() {
        for (String source : List.of("abs(event.n) > 5", "sise(event.items) > 0")) {
            IllegalArgumentException e = assertThrows(source, IllegalArgumentException.class,
                    () -> Expressions.compile(KEY, source));
            assertTrue(e.getMessage(), e.getMessage().startsWith(KEY + ": "));
        }
        assertEquals(3L, eval("size(event.items)", map("items", List.of(1L, 2L, 3L))));
    }

    @Test
    public void parseErrorsNameTheKeyAndTheSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expressions.compile(KEY, "event.n +"));
        assertTrue(e.getMessage(), e.getMessage().startsWith(KEY + ": cannot compile 'event.n +': "));
        e = assertThrows(IllegalArgumentException.class, () -> Expressions.compile(KEY, "  "));
        assertTrue(e.getMessage(), e.getMessage().startsWith(KEY + ": empty"));
    }

    /**
     * Decoded events are {@link ArrayMap}s: expressions read them as maps, views and entries included, and none
     * of their own methods, which their decoder uses, is open to an expression. An engine that opens the class
     * whole runs the same calls, so the refusals come from the sandbox, not from wrong arguments.
     */
    @Test
    public void decodedEventMapsAreMapsAndNothingMore() {
        ArrayMap<String, Object> value = new ArrayMap<>(map("level", "info", "n", 2L));
        assertEquals("info", eval("event.level", value));
        assertEquals(3L, ((Number) eval("event.n + 1", value)).longValue());
        assertEquals(2, ((Number) eval("event.size()", value)).intValue());
        assertEquals(true, eval("event.containsKey('n')", value));
        assertEquals(2, ((Number) eval("event.entrySet().size()", value)).intValue());
        assertEquals("level", eval("event.entrySet().iterator().next().getKey()", value));
        JexlEngine open = new JexlBuilder().permissions(JexlPermissions.RESTRICTED.compose(
                "io.weir.pipeline.internal.event { +ArrayMap {} }")).strict(true).create();
        List<String> extra = new ArrayList<>();
        for (Method method : ArrayMap.class.getMethods()) {
            if (method.getDeclaringClass() != ArrayMap.class || declaredBy(Map.class, method)) {
                continue;
            }
            extra.add(method.getName());
            StringBuilder call = new StringBuilder("event.").append(method.getName()).append('(');
            for (Class<?> parameter : method.getParameterTypes()) {
                call.append(call.charAt(call.length() - 1) == '(' ? "" : ", ")
                        .append(parameter == int.class ? "0" : parameter.isArray() ? "[]" : "'level'");
            }
            String source = call.append(')').toString();
            ArrayMap<String, Object> fresh = new ArrayMap<>(value);
            MapContext context = new MapContext();
            context.set("event", fresh);
            open.createScript(source).execute(context);
            Event event = event(1, new ArrayMap<>(value));
            ExpressionException e = assertThrows(source, ExpressionException.class,
                    () -> Expressions.compile(KEY, source).raw(new EventScope().bind(event)));
            assertTrue(e.getMessage(), e.getMessage().contains(method.getName()));
        }
        assertEquals(List.of("keyAt", "putNext", "shareKeys", "sharingKeys", "valueAt"), extra.stream().sorted().toList());
    }

    private static boolean declaredBy(Class<?> type, Method method) {
        try {
            type.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    public void theSandboxRefusesClassAccessReflectionAndTheSystem() {
        assertTrue(refused("''.class").contains("class"));
        assertTrue(refused("''.getClass()").contains("getClass"));
        assertTrue(refused("event.level.class.forName('java.lang.Runtime')").contains("class"));
        assertTrue(refused("event.level.getClass().getClassLoader()").contains("getClass"));
        assertTrue(refused("new(\"java.io.File\", \"x\")").contains("cannot compile"));
        assertTrue(refused("new('java.lang.ProcessBuilder', ['sh']).start()").contains("cannot compile"));
        assertTrue(refused("java.lang.System.exit(1)").contains("unknown name 'java'"));
        assertTrue(refused("System.exit(1)").contains("unknown name 'System'"));
        assertTrue(refused("Runtime.getRuntime().exec('sh')").contains("unknown name 'Runtime'"));
        assertTrue(refused("math:abs(1)").contains("math"));
        assertTrue(refused("event.level.repeat(100000000)").contains("repeat"));
    }

    /**
     * String.repeat is denied so that a short expression cannot make text of any size (a 2-GB string takes
     * the server's heap down with it); the other String methods that do the same are open. Without a
     * variable, such an expression is even evaluated when the file is read (the constant shortcut).
     */
    @Test
    public void theSandboxRefusesEveryWayToRepeatTextNotOnlyRepeat() {
        List<String> open = new ArrayList<>();
        for (String source : List.of("'%20000000s'.formatted(event.level)", "event.level.format('%20000000s', 'x')",
                "event.level.indent(20000000)")) {
            try {
                Object text = Expressions.compile(KEY, source).raw(new EventScope().bind(event(1, map("level", "info"))));
                open.add(source + " gave " + ((String) text).length() + " characters");
            } catch (ExpressionException | IllegalArgumentException refused) {
                // as event.level.repeat(20000000) is
            }
        }
        assertEquals(List.of(), open);
    }

    /**
     * Conditions and set expressions must not change the event (assignments are switched off; "set
     * expressions see the event as it arrived"), nor build data past the element limit of results. The
     * java.util methods open to expressions do both: this condition leaves the event without its level and
     * with a list of two million elements, materialized from a range that is refused as a result.
     */
    @Test
    public void expressionsCannotChangeTheEventOrGrowItPastTheElementLimit() {
        Map<String, Object> value = map("level", "info", "items", new ArrayList<>(List.of(1L)));
        Event event = event(1, value);
        Expression condition = Expressions.compile(KEY,
                "event.items.addAll(1..2000000) && event.remove('level') == 'info'");
        try {
            condition.test(new EventScope().bind(event));
        } catch (ExpressionException refusedAtRunTime) {
            // refusing it is fine too
        }
        assertEquals("info", value.get("level"));
        assertEquals(1, ((List<?>) value.get("items")).size());
    }

    @Test
    public void theSandboxRefusesLoopsLambdasAssignmentsAndPragmas() {
        assertTrue(refused("while (true) { 1 }").contains("cannot compile"));
        assertTrue(refused("for (x : [1, 2]) { x }").contains("cannot compile"));
        assertTrue(refused("function(x) { x }").contains("cannot compile"));
        assertTrue(refused("event.level = 'x'").contains("cannot compile"));
        assertTrue(refused("var x = 1").contains("cannot compile"));
        assertTrue(refused("#pragma jexl.namespace.m java.lang.Math\nm:abs(-1)").contains("cannot compile"));
    }

    @Test
    public void resultsBecomeEventData() {
        assertEquals(2L, eval("1 + 1", map()));
        assertEquals(2.5, eval("5 / 2.0", map()));
        assertEquals(List.of(1L, 2L), eval("[1, 2]", map()));
        assertEquals(map("a", 1L, "b", List.of("x")), eval("{'a': 1, 'b': ['x']}", map()));
        assertEquals(List.of(1L, 2L, 3L), eval("1..3", map()));
        assertEquals("x-info", eval("'x-' + event.level", map("level", "info")));
    }

    @Test
    public void containersAreCopiedNotShared() {
        List<Object> list = new ArrayList<>(List.of(1L));
        Map<String, Object> value = map("list", list);
        Object copy = eval("event.list", value);
        assertEquals(list, copy);
        list.add(2L);
        assertEquals(List.of(1L), copy);
    }

    @Test
    public void hugeOrForeignResultsAreRefused() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> eval("1..100000000", map()));
        assertTrue(e.getMessage(), e.getMessage().contains("more than"));
        e = assertThrows(ExpressionException.class, () -> eval("{1: 'a'}", map()));
        assertTrue(e.getMessage(), e.getMessage().contains("not text"));
    }

    @Test
    public void testWantsABoolean() {
        Expression expression = Expressions.compile(KEY, "event.level");
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> expression.test(new EventScope().bind(event(1, map("level", "info")))));
        assertEquals(KEY + ": expected true or false from 'event.level', got 'info' (String)", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> expression.test(new EventScope().bind(event(1, map()))));
        assertTrue(e.getMessage(), e.getMessage().endsWith("got null"));
    }

    @Test
    public void oneScopeServesEventAfterEvent() {
        Expression expression = Expressions.compile(KEY, "event.n > 1");
        EventScope scope = new EventScope();
        assertTrue(expression.test(scope.bind(event(1, map("n", 2L)))));
        assertFalse(expression.test(scope.bind(event(2, map("n", 1L)))));
    }

    @Test
    public void worksOnValuesThatAreNotMaps() {
        assertEquals(true, eval("event == 'plain'", "plain"));
        assertEquals(3L, eval("size(event)", List.of(1L, 2L, 3L)));
        assertEquals(2L, eval("event[1]", List.of(1L, 2L, 3L)));
    }
}
