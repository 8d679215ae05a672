package io.weir.runtime.internal.manager;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The metadata of one event whose source gave the same metadata to many events (every event of a
 * TCP chunk carries the peer address): reads go to a read-only map shared by those events, and the
 * first change copies it into this event's own map. An event that nobody changes costs one small
 * object instead of a copy of the map. Owned by one thread at a time, like the event.
 */
final class SharedMeta extends AbstractMap<String, Object> {
    private Map<String, Object> shared;
    private HashMap<String, Object> own;

    /** @param shared read-only metadata, never changed by anyone while events use it */
    SharedMeta(Map<String, Object> shared) {
        this.shared = shared;
    }

    private Map<String, Object> read() {
        return own != null ? own : shared;
    }

    private Map<String, Object> write() {
        if (own == null) {
            own = new HashMap<>(shared);
            shared = null;
        }
        return own;
    }

    @Override
    public int size() {
        return read().size();
    }

    @Override
    public boolean isEmpty() {
        return read().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return read().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return read().containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return read().get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return read().getOrDefault(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        read().forEach(action);
    }

    @Override
    public Object put(String key, Object value) {
        return write().put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return write().remove(key);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        write().putAll(m);
    }

    @Override
    public void clear() {
        write().clear();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        return write().putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return write().remove(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        return write().replace(key, oldValue, newValue);
    }

    @Override
    public Object replace(String key, Object value) {
        return write().replace(key, value);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        write().replaceAll(function);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
        return write().computeIfAbsent(key, mappingFunction);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return write().computeIfPresent(key, remapping);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return write().compute(key, remapping);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        return write().merge(key, value, remapping);
    }

    // The views can change the map (an iterator's remove, an entry's setValue): they are the own copy's.
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return write().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return write().keySet();
    }

    @Override
    public Collection<Object> values() {
        return write().values();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || read().equals(o);
    }

    @Override
    public int hashCode() {
        return read().hashCode();
    }

    @Override
    public String toString() {
        return read().toString();
    }
}
