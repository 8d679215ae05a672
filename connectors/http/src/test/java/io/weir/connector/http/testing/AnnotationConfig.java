package io.weir.connector.http.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component property type (a configuration annotation) from a map, as DS does: a method
 * {@code max__body__bytes} reads key {@code max_body_bytes} ({@code __} is {@code _}, {@code _} is
 * {@code .}), missing keys give the declared default, and strings convert to the return type. A
 * value that does not convert throws from the method call, as DS's converter does.
 */
public final class AnnotationConfig {
    private AnnotationConfig() {
    }

    /**
     * @param type   the annotation type
     * @param values the configuration
     * @param <A>    the annotation type
     * @return an instance reading {@code values}
     */
    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values : null;
            }
            Object value = values.get(key(method.getName()));
            if (value == null) {
                Object fallback = method.getDefaultValue();
                return fallback != null ? fallback : zero(method.getReturnType());
            }
            return convert(value, method.getReturnType());
        }));
    }

    /** @return the configuration key DS reads for an annotation method */
    public static String key(String method) {
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private static Object convert(Object value, Class<?> type) {
        String text = value.toString().trim();
        if (type == int.class) {
            return value instanceof Number ? ((Number) value).intValue() : Integer.parseInt(text);
        }
        if (type == long.class) {
            return value instanceof Number ? ((Number) value).longValue() : Long.parseLong(text);
        }
        if (type == boolean.class) {
            return value instanceof Boolean ? value : Boolean.parseBoolean(text);
        }
        return value.toString();
    }
}
