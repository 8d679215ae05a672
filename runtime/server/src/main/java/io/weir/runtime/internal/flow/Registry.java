package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plugin services of one kind by name. Several services may carry the same name (a second codec
 * called {@code json}, a connector instance configured twice): the one with the highest service
 * ranking, then the oldest, is used, and the others are reported as conflicts.
 *
 * @param <T> the service type
 */
final class Registry<T> {

    /**
     * One registered service.
     *
     * @param <T>     the service type
     * @param name    the name it is registered under
     * @param service the service object
     * @param id      its service id
     * @param ranking its service ranking
     * @param bundle  the bundle that registered it, {@code symbolic-name version}
     */
    record Entry<T>(String name, T service, long id, int ranking, String bundle) {
    }

    private static final Comparator<Entry<?>> BEST_FIRST = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::id);

    private final Map<String, List<Entry<T>>> byName = new TreeMap<>();

    /** @param entry a new or updated service (an entry with the same id is replaced) */
    void put(Entry<T> entry) {
        remove(entry.id());
        List<Entry<T>> entries = byName.computeIfAbsent(entry.name(), n -> new ArrayList<>());
        entries.add(entry);
        entries.sort(BEST_FIRST);
    }

    /**
     * @param id a service id
     * @return whether it was registered
     */
    boolean remove(long id) {
        for (var it = byName.values().iterator(); it.hasNext();) {
            List<Entry<T>> entries = it.next();
            if (entries.removeIf(e -> e.id() == id)) {
                if (entries.isEmpty()) {
                    it.remove();
                }
                return true;
            }
        }
        return false;
    }

    /**
     * @param name a name
     * @return the service used for it, or {@code null}
     */
    T get(String name) {
        Entry<T> best = best(name);
        return best == null ? null : best.service();
    }

    /**
     * @param name a name
     * @return the entry used for it, or {@code null}
     */
    Entry<T> best(String name) {
        List<Entry<T>> entries = byName.get(name);
        return entries == null || entries.isEmpty() ? null : entries.get(0);
    }

    /**
     * @param name a name
     * @return the entries registered under it that are not used, best first
     */
    List<Entry<T>> shadowed(String name) {
        List<Entry<T>> entries = byName.get(name);
        return entries == null || entries.size() < 2 ? List.of() : List.copyOf(entries.subList(1, entries.size()));
    }

    /** @return every entry, by name */
    List<Entry<T>> all() {
        List<Entry<T>> all = new ArrayList<>();
        byName.values().forEach(all::addAll);
        return all;
    }
}
