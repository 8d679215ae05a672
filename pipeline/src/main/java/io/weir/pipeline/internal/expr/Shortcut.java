package io.weir.pipeline.internal.expr;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weir.pipeline.internal.event.ArrayMap;

/**
 * A faster way to evaluate the commonest expression shapes without JEXL, which builds an
 * interpreter for every evaluation. A shortcut answers only where its answer is certainly JEXL's;
 * everywhere else it returns {@link #DECLINED} and JEXL evaluates as usual, so results, errors and
 * the sandbox stay exactly JEXL's.
 */
abstract class Shortcut {
    /** What {@link #raw} returns when JEXL must decide. */
    static final Object DECLINED = new Object();

    /**
     * {@code event.name == "text"} or {@code !=}, also on {@code meta} and with single quotes: a
     * name JEXL reads as a map key, and a literal without escapes (its text is exactly what is
     * between the quotes).
     */
    private static final Pattern FIELD_COMPARISON = Pattern.compile(
            "\\s*(event|meta)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=)\\s*(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)')\\s*");

    /**
     * JEXL reads {@code map.name} as a bean property before a map key: {@code event.empty} is
     * {@code isEmpty()}. These are the properties of the maps the shortcut answers for.
     */
    private static final Set<String> BEAN_PROPERTIES = Set.of("empty", "class");

    /**
     * @param scope the bound event
     * @return the expression's result, or {@link #DECLINED}
     */
    abstract Object raw(EventScope scope);

    /** @return a short name of the shape, for tests and diagnostics */
    abstract String shape();

    /**
     * @param source an expression JEXL compiled
     * @return the shortcut for its shape, or null when it has none
     */
    static Shortcut forSource(String source) {
        Matcher m = FIELD_COMPARISON.matcher(source);
        if (!m.matches()) {
            return null;
        }
        if (BEAN_PROPERTIES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
            return null;
        }
        String literal = m.group(4) != null ? m.group(4) : m.group(5);
        return new FieldEqualsText(EventScope.META.equals(m.group(1)), m.group(2), literal, "!=".equals(m.group(3)));
    }

    /** @return a shortcut that always gives {@code constant} */
    static Shortcut constant(Object constant) {
        return new Constant(constant);
    }

    /** An expression without variables: its value, computed once when it was compiled. */
    static final class Constant extends Shortcut {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        Object raw(EventScope scope) {
            return value;
        }

        @Override
        String shape() {
            return "constant";
        }
    }

    /**
     * A text field compared with a text literal. Answers only when the field holds a String in an
     * {@link ArrayMap}, {@code LinkedHashMap}, {@code HashMap} or {@code TreeMap} (the maps of decoded events and
     * metadata, whose only bean properties are excluded by name): JEXL's {@code ==} of two
     * strings is {@link String#equals}. A missing or null field, another type,
     * a value that is no map: declined.
     */
    static final class FieldEqualsText extends Shortcut {
        private static final Boolean TRUE = Boolean.TRUE;
        private static final Boolean FALSE = Boolean.FALSE;
        private final boolean onMeta;
        private final String name;
        private final String literal;
        private final boolean negated;

        FieldEqualsText(boolean onMeta, String name, String literal, boolean negated) {
            this.onMeta = onMeta;
            // As the decoders' keys are: found in an ArrayMap by identity.
            this.name = name.intern();
            this.literal = literal;
            this.negated = negated;
        }

        @Override
        Object raw(EventScope scope) {
            Object root = onMeta ? scope.meta() : scope.value();
            Class<?> type = root == null ? null : root.getClass();
            if (type != ArrayMap.class && type != LinkedHashMap.class && type != HashMap.class
                    && type != TreeMap.class) {
                return DECLINED;
            }
            Object field = ((Map<?, ?>) root).get(name);
            if (!(field instanceof String)) {
                return DECLINED;
            }
            return literal.equals(field) != negated ? TRUE : FALSE;
        }

        @Override
        String shape() {
            return "field " + (negated ? "!=" : "==") + " text";
        }
    }
}
