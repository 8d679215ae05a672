package io.weir.pipeline.internal.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Compiles the expressions of pipeline configurations with Apache Commons JEXL, sandboxed.
 *
 * <p>The sandbox: JEXL's {@code SECURE} permissions (only the methods of strings, numbers,
 * booleans and {@code java.util} collections; no {@code getClass}, no {@code System}, no class
 * loading, no files, no threads), minus the String methods that make text of any size and the
 * methods that change collections and maps ({@link SandboxPermissions}); ranges are limited to the
 * elements of a result ({@link SandboxArithmetic}); the language features {@code new}, loops,
 * lambdas, assignments and side effects, pragmas, annotations and namespaces are switched off, and
 * function calls are refused ({@link FunctionCheckingParser}); dotted names are never resolved as
 * Java classes. Strict mode: an undefined variable or property, or arithmetic on null, is an error
 * rather than a silent null.
 *
 * <p>No script is cached: JEXL's script cache is keyed by the text, so a second expression with the
 * same text would share the first one's tree, and the key its messages name. Compiling happens when
 * a configuration is read, never per event.
 */
public final class Expressions {
    private static final JexlEngine ENGINE = new JexlBuilder()
            .permissions(new SandboxPermissions(JexlPermissions.SECURE.compose(
                    // Decoded events' maps: as a java.util map, without the methods their decoder uses.
                    "io.weir.pipeline.internal.event { +ArrayMap { -sharingKeys(); -shareKeys(); -putNext(); "
                            + "-keyAt(); -valueAt(); +EntrySet {} +EntryIterator {} +Entry {} } }")))
            .arithmetic(new SandboxArithmetic(true))
            .parserFactory(FunctionCheckingParser::new)
            .features(new JexlFeatures()
                    .newInstance(false)
                    .loops(false)
                    .lambda(false)
                    .sideEffect(false)
                    .sideEffectGlobal(false)
                    .localVar(false)
                    .register(false)
                    .pragma(false)
                    .importPragma(false)
                    .namespacePragma(false)
                    .annotation(false))
            .antish(false)
            .strict(true)
            .safe(false)
            .silent(false)
            .debug(false)
            // Keeps JEXL's caches of resolved methods and properties in the compiled trees (without
            // an engine cache, every evaluation resolves them again, three times slower), but stores
            // no script: only texts shorter than one character would be, and empty ones are refused first.
            .cache(512)
            .cacheThreshold(1)
            .create();

    private Expressions() {
    }

    /**
     * Compiles an expression.
     *
     * @param key    the configuration key it came from, used in every message about it
     * @param source the expression text
     * @return the compiled expression
     * @throws IllegalArgumentException naming the key when it does not parse, uses a switched-off
     *                                  feature, calls a function, or names a variable other than
     *                                  {@code event} and {@code meta}
     */
    public static Expression compile(String key, String source) {
        return compile(key, source, true);
    }

    /**
     * @param shortcuts false to have JEXL evaluate every time, as tests do to compare the results
     */
    static Expression compile(String key, String source, boolean shortcuts) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(key + ": empty; give an expression, for example event.level == \"error\"");
        }
        JexlScript script;
        try {
            script = ENGINE.createScript(new JexlInfo(key, 1, 1), source);
        } catch (JexlException e) {
            throw new IllegalArgumentException(key + ": cannot compile '" + source + "': " + describe(key, e), e);
        } catch (FunctionCheckingParser.FunctionCall e) {
            throw new IllegalArgumentException(key + ": unknown function " + e.name + "(...) at " + e.line + ":"
                    + e.column + " in '" + source + "'; expressions can call size(...), empty(...) and the methods "
                    + "of values (event.msg.trim())", e);
        }
        for (List<String> variable : script.getVariables()) {
            String name = variable.get(0);
            if (!EventScope.EVENT.equals(name) && !EventScope.META.equals(name)) {
                throw new IllegalArgumentException(key + ": unknown name '" + name + "' in '" + source
                        + "'; expressions see only event and meta (write text in quotes: \"" + name + "\")");
            }
        }
        return new Expression(key, source, script, shortcuts ? shortcut(script, source) : null);
    }

    /**
     * An expression without variables gives the same value every time (the sandbox leaves no way
     * to reach time, randomness or state), so it is evaluated once, here; only immutable results
     * are kept, as a list or map result must be a new one for every event. An expression that
     * fails is left to fail on every event, with its usual message.
     */
    private static Shortcut shortcut(JexlScript script, String source) {
        if (script.getVariables().isEmpty()) {
            Object value;
            try {
                value = script.execute(new EventScope());
            } catch (JexlException e) {
                return null;
            }
            return isImmutable(value) ? Shortcut.constant(value) : null;
        }
        return Shortcut.forSource(source);
    }

    private static boolean isImmutable(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Character;
    }

    /** @return JEXL's message without the key it already starts with */
    static String describe(String key, JexlException e) {
        if (e.getCause() instanceof SandboxArithmetic.RangeTooLarge) {
            JexlInfo info = e.getInfo();
            return (info == null ? "" : "@" + info.getLine() + ":" + info.getColumn() + " ") + e.getCause().getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(key) ? message.substring(key.length()).trim() : message.trim();
    }
}
