package io.weir.runtime.internal.manager;

import io.weir.api.event.Event;

/**
 * Events travelling together from one node to the input port of another, with the tokens that
 * track them. An entry without an event is a stream end (its token slot holds the
 * {@link StreamEnd}), kept in line with the events so that it arrives after them.
 */
public final class Batch {
    private final String port;
    private final Event[] events;
    private final Object[] tokens;
    private int size;
    private int ends;

    /**
     * @param port     the input port at the receiving node
     * @param capacity the most entries this batch holds
     */
    public Batch(String port, int capacity) {
        this.port = port;
        this.events = new Event[capacity];
        this.tokens = new Object[capacity];
    }

    /** @return the input port at the receiving node */
    public String port() {
        return port;
    }

    /** @return the number of entries */
    public int size() {
        return size;
    }

    /** @return the number of entries that are events, not stream ends */
    public int events() {
        return size - ends;
    }

    /** @return whether no more entries fit */
    public boolean isFull() {
        return size == events.length;
    }

    /**
     * @param event  the event
     * @param tokens its tokens (see {@link Tokens})
     */
    public void add(Event event, Object tokens) {
        events[size] = event;
        this.tokens[size] = tokens;
        size++;
    }

    /** @param end a stream end, delivered after the events before it */
    public void addStreamEnd(StreamEnd end) {
        events[size] = null;
        tokens[size] = end;
        size++;
        ends++;
    }

    /**
     * @param i index
     * @return the event, or {@code null} when the entry is a stream end
     */
    public Event event(int i) {
        return events[i];
    }

    /**
     * @param i index
     * @return the event's tokens, or the {@link StreamEnd}
     */
    public Object tokens(int i) {
        return tokens[i];
    }

    /**
     * Fails every event of the batch: it will not be delivered.
     *
     * @return the number of events failed
     */
    public int failAll() {
        int failed = 0;
        for (int i = 0; i < size; i++) {
            if (events[i] != null) {
                Tokens.release(tokens[i], false);
                failed++;
            }
        }
        return failed;
    }
}
