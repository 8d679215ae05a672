package io.weir.connector.testkit;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component property type (a configuration annotation) from a map, as DS does: a method
 * {@code max__body__bytes} reads the key {@code max_body_bytes} ({@code __} is {@code _}, {@code _}
 * is {@code .}); an absent key gives the declared default, or zero, false or null when there is
 * none; text and numbers convert to the method's type. A value that does not convert throws from
 * the method call, as DS's converter does, so a component's own handling of it can be tested.
 */
public final class Configs {
    private Configs() {
    }

    /**
     * @param type       the annotation type
     * @param properties the configuration
     * @param <A>        the annotation type
     * @return an instance reading {@code properties}
     */
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return type.getSimpleName() + properties;
                }
            }
            Object value = properties.get(key(method.getName()));
            if (value == null) {
                Object fallback = method.getDefaultValue();
                return fallback != null ? fallback : zero(method.getReturnType());
            }
            return convert(value, method.getReturnType());
        }));
    }

    /** @return the configuration key DS reads for a method of a property type */
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
        if (type == String.class) {
            return value.toString();
        }
        String text = value.toString().trim();
        if (type == int.class) {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(text);
        }
        if (type == long.class) {
            return value instanceof Number n ? n.longValue() : Long.parseLong(text);
        }
        if (type == boolean.class) {
            return value instanceof Boolean ? value : Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("Configs cannot convert to " + type + "; add it here");
    }
}
