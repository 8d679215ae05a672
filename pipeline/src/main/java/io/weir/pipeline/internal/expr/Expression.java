package io.weir.pipeline.internal.expr;

import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;

/** A compiled expression from a pipeline configuration. Thread-safe; the scope it runs in is not. */
public final class Expression {
    private final String key;
    private final String source;
    private final JexlScript script;
    /** Answers for JEXL where it certainly gives the same result; null when the shape has none. */
    private final Shortcut shortcut;
    /** The event data of a constant expression, converted once; null otherwise. */
    private final Object constantValue;

    Expression(String key, String source, JexlScript script, Shortcut shortcut) {
        this.key = key;
        this.source = source;
        this.script = script;
        Object converted = null;
        Shortcut kept = shortcut;
        if (shortcut instanceof Shortcut.Constant) {
            try {
                converted = PlainData.of(shortcut.raw(null));
            } catch (IllegalArgumentException e) {
                kept = null; // not event data: fail on every event, with the usual message
            }
        }
        this.shortcut = kept;
        this.constantValue = converted;
    }

    /** @return the shape of the shortcut this expression takes, or null when JEXL evaluates it */
    String shortcut() {
        return shortcut == null ? null : shortcut.shape();
    }

    /** @return the configuration key the expression came from */
    public String key() {
        return key;
    }

    /** @return the expression text */
    public String source() {
        return source;
    }

    /**
     * Evaluates the expression as it is.
     *
     * @param scope the bound event
     * @return what JEXL computed (may be an Integer, an array...); see {@link #value} for event data
     * @throws ExpressionException naming the key when evaluation fails
     */
    public Object raw(EventScope scope) {
        if (shortcut != null) {
            Object result = shortcut.raw(scope);
            if (result != Shortcut.DECLINED) {
                return result;
            }
        }
        try {
            return script.execute(scope);
        } catch (JexlException e) {
            throw new ExpressionException(key + ": " + Expressions.describe(key, e), e);
        }
    }

    /**
     * Evaluates the expression to event data.
     *
     * @param scope the bound event
     * @return the result as event data, see {@link PlainData}
     * @throws ExpressionException naming the key when evaluation fails or gives no event data
     */
    public Object value(EventScope scope) {
        if (shortcut instanceof Shortcut.Constant) {
            return constantValue;
        }
        Object raw = raw(scope);
        try {
            return PlainData.of(raw);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates a condition.
     *
     * @param scope the bound event
     * @return the boolean result
     * @throws ExpressionException naming the key when evaluation fails or gives anything but a boolean
     */
    public boolean test(EventScope scope) {
        Object raw = raw(scope);
        if (raw instanceof Boolean) {
            return (Boolean) raw;
        }
        throw new ExpressionException(key + ": expected true or false from '" + source + "', got "
                + (raw == null ? "null" : "'" + abbreviate(raw) + "' (" + raw.getClass().getSimpleName() + ")"));
    }

    /**
     * Evaluates to a number, for aggregates.
     *
     * @param scope the bound event
     * @return the number, or null when the expression gives null (a missing field)
     * @throws ExpressionException naming the key when evaluation fails or gives anything but a number
     */
    public Number number(EventScope scope) {
        Object raw = raw(scope);
        if (raw == null || raw instanceof Number) {
            return (Number) raw;
        }
        throw new ExpressionException(key + ": expected a number from '" + source + "', got '" + abbreviate(raw)
                + "' (" + raw.getClass().getSimpleName() + ")");
    }

    /** Characters of a value that messages show; they go into failed events' meta.error. */
    static final int SHOWN = 100;

    /**
     * @param value a value to name in a message
     * @return its text, cut after {@link #SHOWN} characters with the length it had
     */
    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }

    @Override
    public String toString() {
        return key + " = " + source;
    }
}
