package io.weir.runtime.internal.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors a connector reported itself, counted per kind ({@code oversize}, {@code bad_request},
 * {@code tls}...). Lock-free: connectors report from their own network threads. A kind is a short
 * name chosen by a plugin, so it is cleaned up and the number of kinds is capped: a plugin that
 * puts variable text into the kind cannot grow the map without bound.
 */
public final class ErrorKinds {
    /** The most kinds kept per node besides {@link #OTHER}; further ones are counted as {@link #OTHER}. */
    public static final int MAX_KINDS = 32;
    /** The longest kind kept; longer ones are cut. */
    public static final int MAX_LENGTH = 32;
    /** Where kinds beyond {@link #MAX_KINDS} are counted. */
    public static final String OTHER = "other";
    /** The kind of a report without one. */
    public static final String UNNAMED = "error";

    private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    /** Places taken by named kinds ({@link #OTHER} needs none). */
    private final AtomicInteger slots = new AtomicInteger();

    /**
     * Counts one error.
     *
     * @param kind the kind the connector gave; may be null or anything
     * @return the kind it was counted under
     */
    public String record(String kind) {
        String name = clean(kind);
        LongAdder counter = kinds.get(name);
        if (counter == null) {
            counter = add(name);
            if (counter == null) {
                name = OTHER;
                counter = kinds.computeIfAbsent(OTHER, k -> new LongAdder());
            }
        }
        counter.increment();
        return name;
    }

    /** @return the counter of a new kind, or null when every place is taken */
    private LongAdder add(String name) {
        if (slots.incrementAndGet() > MAX_KINDS) {
            slots.decrementAndGet();
            return null;
        }
        LongAdder fresh = new LongAdder();
        LongAdder raced = kinds.putIfAbsent(name, fresh);
        if (raced != null) {
            // Another thread added the same kind first: its place is the one taken.
            slots.decrementAndGet();
            return raced;
        }
        return fresh;
    }

    /** @return kind to count, sorted by kind; empty when none was reported */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        kinds.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return copy;
    }

    /**
     * @param kind what a connector passed
     * @return lower-case letters, digits and {@code _} only, at most {@link #MAX_LENGTH} characters;
     *         {@link #UNNAMED} when nothing is left
     */
    static String clean(String kind) {
        if (kind == null) {
            return UNNAMED;
        }
        String trimmed = kind.strip();
        int length = Math.min(trimmed.length(), MAX_LENGTH);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = Character.toLowerCase(trimmed.charAt(i));
            name.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return name.length() == 0 ? UNNAMED : name.toString();
    }
}
