package io.weir.connector.file.internal.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type instance from a map the way DS does (defaults for absent keys). */
public final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            // DS name mapping: "__" is "_", "_" is ".".
            String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            Object value = properties.get(key);
            if (value instanceof String text && method.getReturnType() != String.class) {
                // Configuration files give text; DS converts it, failing on garbage.
                return convert(text, method.getReturnType());
            }
            return value != null ? value : method.getDefaultValue();
        });
    }

    private static Object convert(String text, Class<?> type) {
        if (type == int.class) {
            return Integer.valueOf(text.trim());
        }
        if (type == long.class) {
            return Long.valueOf(text.trim());
        }
        if (type == boolean.class) {
            return Boolean.valueOf(text.trim());
        }
        throw new IllegalArgumentException("cannot convert to " + type);
    }
}
