package io.weir.pipeline.internal.expr;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.weir.pipeline.internal.event.ArrayMap;

/**
 * Turns what an expression returns into event data: {@code Map} (string keys), {@code List},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code byte[]} or null. JEXL
 * computes with {@code Integer}s and builds arrays and ranges; events must not carry those.
 * Containers are copied, so a value set from another field is not shared with it.
 */
public final class PlainData {
    /** Elements one value may have in all, so that {@code 1..1000000000} cannot exhaust memory. */
    static final int MAX_ELEMENTS = 1 << 20;

    private PlainData() {
    }

    /**
     * @param value what an expression returned
     * @return the same value as event data
     * @throws IllegalArgumentException if the value (or something inside it) is not data, or too large
     */
    public static Object of(Object value) {
        return convert(value, new int[1]);
    }

    private static Object convert(Object value, int[] elements) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).doubleValue();
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            count(elements, map.size());
            Map<String, Object> copy = new ArrayMap<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("map key " + Expression.abbreviate(entry.getKey())
                            + " is not text; event maps have text keys");
                }
                copy.put((String) entry.getKey(), convert(entry.getValue(), elements));
            }
            return copy;
        }
        if (value instanceof Collection) {
            Collection<?> collection = (Collection<?>) value;
            count(elements, collection.size());
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object element : collection) {
                copy.add(convert(element, elements));
            }
            return copy;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            count(elements, length);
            List<Object> copy = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                copy.add(convert(Array.get(value, i), elements));
            }
            return copy;
        }
        throw new IllegalArgumentException("the result is a " + value.getClass().getName()
                + ", not event data (map, list, text, number, boolean, bytes or null)");
    }

    private static void count(int[] elements, int more) {
        elements[0] += more;
        if (elements[0] > MAX_ELEMENTS || elements[0] < 0) {
            throw new IllegalArgumentException("the result has more than " + MAX_ELEMENTS + " elements");
        }
    }
}
