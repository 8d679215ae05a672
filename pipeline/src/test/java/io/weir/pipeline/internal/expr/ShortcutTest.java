package io.weir.pipeline.internal.expr;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.pipeline.internal.event.ArrayMap;

/** The shortcuts give exactly what JEXL gives: same result, same error, on many inputs. */
public class ShortcutTest {
    private static final String KEY = "node.n.expression";

    /** Field contents: text that JEXL might coerce, other types, null. */
    private static final List<Object> FIELD_VALUES = Arrays.asList("debug", "Debug", "debug ", " debug", "", "1",
            "1.0", "01", "1e0", "true", "false", "null", "x y", "é", "\u0000", 1L, 1.0, 0L, true, false, null,
            List.of("debug"), map("debug", 1L), new byte[] {1});

    private static final List<String> LITERALS = List.of("debug", "", "1", "1.0", "true", "null", "x y", "é", "01");

    private static final List<String> FIELD_NAMES = List.of("level", "empty", "class", "size", "keySet", "_x9");

    /** Results and errors as text, so the two evaluations can be compared whatever they did. */
    private static String outcome(Expression expression, Event event) {
        try {
            Object value = expression.value(new EventScope().bind(event));
            return "value " + describe(value);
        } catch (ExpressionException e) {
            return "error " + e.getMessage();
        }
    }

    private static String outcomeOfTest(Expression expression, Event event) {
        try {
            return "test " + expression.test(new EventScope().bind(event));
        } catch (ExpressionException e) {
            return "error " + e.getMessage();
        }
    }

    private static String describe(Object value) {
        if (value instanceof byte[]) {
            return Arrays.toString((byte[]) value);
        }
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static List<Object> eventValues(String name, Object field) {
        List<Object> values = new ArrayList<>();
        Map<String, Object> linked = map(name, field, "other", "debug");
        values.add(linked);
        Map<String, Object> hash = new HashMap<>(linked);
        values.add(hash);
        values.add(new TreeMap<>(linked));
        values.add(new ArrayMap<>(linked));
        values.add(Collections.unmodifiableMap(new HashMap<>(linked)));
        return values;
    }

    private static int compareAll(String source) {
        Expression fast = Expressions.compile(KEY, source);
        Expression jexl = Expressions.compile(KEY, source, false);
        assertNull(jexl.shortcut());
        int compared = 0;
        List<Event> events = new ArrayList<>();
        for (String name : FIELD_NAMES) {
            for (Object field : FIELD_VALUES) {
                for (Object value : eventValues(name, field)) {
                    Event event = event(1, value);
                    event.meta().put(name, field);
                    events.add(event);
                }
            }
        }
        for (Object value : Arrays.asList(map(), "debug", 1L, null, List.of("debug"))) {
            events.add(event(1, value));
        }
        for (Event event : events) {
            assertEquals(source + " on " + event.value() + " / meta " + event.meta(), outcome(jexl, event),
                    outcome(fast, event));
            assertEquals(source + " on " + event.value(), outcomeOfTest(jexl, event), outcomeOfTest(fast, event));
            compared++;
        }
        return compared;
    }

    @Test
    public void fieldComparisonsAgreeWithJexlOnManyInputs() {
        int compared = 0;
        for (String name : FIELD_NAMES) {
            for (String literal : LITERALS) {
                for (String op : List.of("==", "!=")) {
                    for (String root : List.of("event", "meta")) {
                        String doubleQuoted = root + "." + name + " " + op + " \"" + literal + "\"";
                        String singleQuoted = root + "." + name + op + "'" + literal + "'";
                        if (!name.equals("empty") && !name.equals("class")) {
                            assertEquals(doubleQuoted, "field " + op + " text",
                                    Expressions.compile(KEY, doubleQuoted).shortcut());
                        }
                        compared += compareAll(doubleQuoted);
                        compared += compareAll(singleQuoted);
                    }
                }
            }
        }
        assertTrue(compared > 100_000);
    }

    @Test
    public void theMapsItAnswersForHaveNoOtherBeanProperties() {
        for (Class<?> type : List.of(ArrayMap.class, LinkedHashMap.class, HashMap.class, TreeMap.class)) {
            for (java.lang.reflect.Method method : type.getMethods()) {
                String name = method.getName();
                if (method.getParameterCount() == 0 && (name.startsWith("get") || name.startsWith("is"))) {
                    assertTrue(type + " " + name, name.equals("getClass") || name.equals("isEmpty"));
                }
            }
        }
    }

    @Test
    public void constantsAgreeWithJexl() {
        for (String source : List.of("\"weir\"", "'weir'", "1 + 1", "5 / 2.0", "true", "null", "'a' + 'b'",
                "'abc'.toUpperCase()", "size('abc')", "1b", "10000000000000000000000h", "'abc'.charAt(0)", "1.5f")) {
            Expression fast = Expressions.compile(KEY, source);
            assertEquals(source, "constant", fast.shortcut());
            Expression jexl = Expressions.compile(KEY, source, false);
            Event event = event(1, map("level", "info"));
            assertEquals(source, outcome(jexl, event), outcome(fast, event));
            assertEquals(source, outcomeOfTest(jexl, event), outcomeOfTest(fast, event));
        }
    }

    @Test
    public void mutableOrFailingConstantsAreEvaluatedPerEvent() {
        for (String source : List.of("[1, 2]", "{'a': 1}", "1..3", "1 / 0", "{1: 'a'}", "''.class", "'x'.repeat(3)")) {
            Expression fast = Expressions.compile(KEY, source);
            assertNull(source, fast.shortcut());
            Expression jexl = Expressions.compile(KEY, source, false);
            Event event = event(1, map());
            assertEquals(source, outcome(jexl, event), outcome(fast, event));
        }
        Expression list = Expressions.compile(KEY, "[1, 2]");
        EventScope scope = new EventScope().bind(event(1, map()));
        assertNotSame(list.value(scope), list.value(scope));
    }

    @Test
    public void otherShapesTakeNoShortcut() {
        for (String source : List.of("event.level == \"a\\\"b\"", "event.a.b == 'x'", "'x' == event.level",
                "event.level == 'x' && true", "event['level'] == 'x'", "event.level eq 'x'", "event.n == 1",
                "event.level =~ 'x'", "other.level == 'x'".replace("other", "meta") + " || false")) {
            assertNull(source, Expressions.compile(KEY, source).shortcut());
        }
    }

    @Test
    public void aShortcutFollowsTheBoundEvent() {
        Expression expression = Expressions.compile(KEY, "event.level == \"debug\"");
        EventScope scope = new EventScope();
        assertEquals(true, expression.test(scope.bind(event(1, map("level", "debug")))));
        assertEquals(false, expression.test(scope.bind(event(2, map("level", "info")))));
        assertEquals(true, expression.test(scope.bind(event(3, map("level", "debug")))));
    }
}
