package io.weir.pipeline.internal.expr;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * The sandbox's permissions beyond the ones they are composed from: no String method that makes
 * text of a size the expression chooses ({@code repeat}, {@code formatted}, {@code format},
 * {@code indent}, {@code join}), nor BigInteger or BigDecimal method that makes a number of such a
 * size, and no method that changes a collection, a map, an iterator or a
 * map entry, so an expression can neither change the event it looks at nor grow data past the
 * limits of results. JEXL asks once per class and method and caches the answer, so evaluating an
 * expression costs nothing more.
 */
final class SandboxPermissions extends JexlPermissions.Delegate {
    /** String methods whose result has a size given by an argument rather than by the text. */
    static final Set<String> TEXT_AMPLIFIERS = Set.of("repeat", "formatted", "format", "indent", "join");

    /**
     * BigInteger and BigDecimal methods (literals {@code 2H}, {@code 1E9B}) whose result has a size
     * given by an argument or an exponent: {@code 2H.pow(2000000000)}, {@code 1E2000000000B.toPlainString()}.
     */
    static final Set<String> NUMBER_AMPLIFIERS = Set.of("pow", "shiftLeft", "shiftRight", "setBit", "flipBit",
            "clearBit", "setScale", "movePointLeft", "movePointRight", "scaleByPowerOfTen", "toPlainString",
            "toEngineeringString", "toBigInteger", "toBigIntegerExact", "sqrt");

    /** The methods of java.util collections, maps, iterators and entries that change them. */
    static final Set<String> MUTATORS = Set.of(
            "add", "addAll", "addFirst", "addLast", "addElement", "insertElementAt",
            "set", "setValue", "setElementAt", "setSize", "ensureCapacity", "trimToSize",
            "remove", "removeAll", "removeIf", "removeFirst", "removeLast", "removeElement", "removeElementAt",
            "removeAllElements", "retainAll", "clear",
            "put", "putAll", "putIfAbsent", "putFirst", "putLast", "replace", "replaceAll",
            "compute", "computeIfAbsent", "computeIfPresent", "merge", "sort",
            "offer", "offerFirst", "offerLast", "poll", "pollFirst", "pollLast", "pollFirstEntry", "pollLastEntry",
            "push", "pop");

    SandboxPermissions(JexlPermissions base) {
        super(base);
    }

    @Override
    public boolean allow(Method method) {
        return !denied(method.getDeclaringClass(), method) && super.allow(method);
    }

    @Override
    public boolean allow(Class<?> clazz, Method method) {
        return !denied(clazz, method) && !denied(method.getDeclaringClass(), method) && super.allow(clazz, method);
    }

    static boolean denied(Class<?> clazz, Method method) {
        if (clazz == null) {
            return false;
        }
        String name = method.getName();
        if (clazz == String.class) {
            return TEXT_AMPLIFIERS.contains(name);
        }
        if (clazz == BigInteger.class || clazz == BigDecimal.class) {
            return NUMBER_AMPLIFIERS.contains(name);
        }
        return MUTATORS.contains(name) && (Collection.class.isAssignableFrom(clazz) || Map.class.isAssignableFrom(clazz)
                || Iterator.class.isAssignableFrom(clazz) || Map.Entry.class.isAssignableFrom(clazz));
    }
}
