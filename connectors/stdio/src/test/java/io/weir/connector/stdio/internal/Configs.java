package io.weir.connector.stdio.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type instance from a map, the way DS does (defaults for absent keys). */
final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, ?> properties) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            // DS name mapping: "__" is "_", "_" is ".".
            String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            Object value = properties.get(key);
            return value != null ? value : method.getDefaultValue();
        });
    }
}
