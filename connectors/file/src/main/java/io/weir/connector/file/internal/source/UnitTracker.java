package io.weir.connector.file.internal.source;

/**
 * Tracks the units of one file stream that were handed to the runtime until they are acknowledged,
 * and computes the committed offset: the end of the longest prefix of units that were all
 * acknowledged. Restarting from the committed offset loses nothing; it repeats at most what was
 * in flight.
 *
 * <p>A unit is one record (up to and including its delimiter), so the runtime's splitter turns it
 * into one event and its one outcome settles the unit. A record longer than the read buffer goes out
 * in pieces; they form one growing unit that stays open until its last piece, so the commit never
 * lands inside a record.
 *
 * <p>The position token handed with each unit is {@code epoch << 48 | endOffset}. A failure makes
 * the reader go back to the start of the failed unit; the epoch then changes, so outcomes that
 * still arrive for the units read before the rewind cannot be mistaken for their re-read copies.
 *
 * <p>Thread-safe: the reader adds units on the manager thread; outcomes arrive on any thread.
 * Every method is short and never blocks on I/O.
 */
final class UnitTracker {
    static final int OFFSET_BITS = 48;
    static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    /** Fifteen epoch bits keep every token positive. */
    private static final long EPOCH_MASK = 0x7FFF;

    private static final byte PENDING = 0;
    private static final byte ACKED = 1;
    private static final byte FAILED = 2;
    private static final byte OUTCOME = 3;
    /** Flag: the unit is a record whose last piece has not been read yet. */
    private static final byte OPEN = 4;
    /** Flag: the unit grew by pieces, so tokens of its earlier pieces belong to it too. */
    private static final byte GROWN = 8;

    private final int maxUnits;
    private long[] tokens;
    private byte[] states;
    private int head;
    private int size;
    /** End of the last unit that left the tracker acknowledged: the committed offset. */
    private long base;
    private long epoch;
    private long rewindTo = -1;

    /**
     * @param start    the offset reading starts at, committed already
     * @param maxUnits how many units may be in flight at once
     */
    UnitTracker(long start, int maxUnits) {
        if (start < 0 || start > OFFSET_MASK) {
            throw new IllegalArgumentException("offset out of range: " + start);
        }
        this.base = start;
        this.maxUnits = maxUnits;
        int initial = Math.min(maxUnits, 1024);
        this.tokens = new long[initial];
        this.states = new byte[initial];
    }

    /** @return whether another unit may be handed out now (an open unit can always grow) */
    synchronized boolean canEmit() {
        return size < maxUnits || (size > 0 && (states[physical(size - 1)] & OPEN) != 0);
    }

    /**
     * Records that the bytes up to {@code end} were handed to the runtime.
     *
     * @param end      the file offset just after the unit
     * @param complete false for a piece of a record that continues after it
     * @return the position token to hand with the unit
     */
    synchronized long emit(long end, boolean complete) {
        if (end <= lastEnd() || end > OFFSET_MASK) {
            throw new IllegalStateException("unit end " + end + " does not follow " + lastEnd());
        }
        long token = epoch << OFFSET_BITS | end;
        byte openFlag = complete ? 0 : OPEN;
        if (size > 0 && (states[physical(size - 1)] & OPEN) != 0) {
            // The record goes on: the unit grows. An outcome that already came for an earlier piece
            // (the splitter reporting the record as too long) is kept.
            int last = physical(size - 1);
            tokens[last] = token;
            states[last] = (byte) ((states[last] & OUTCOME) | GROWN | openFlag);
            popAcknowledged();
            return token;
        }
        if (size == maxUnits) {
            throw new IllegalStateException("more than " + maxUnits + " units in flight");
        }
        if (size == tokens.length) {
            grow();
        }
        int slot = physical(size);
        tokens[slot] = token;
        states[slot] = openFlag;
        size++;
        return token;
    }

    /**
     * Ends an open record without another byte: the file ended in the middle of a long record. The
     * runtime's splitter hands on what it holds at the stream's end, with the unit's last token.
     */
    synchronized void completeOpen() {
        if (size > 0) {
            int last = physical(size - 1);
            states[last] = (byte) (states[last] & ~OPEN);
            popAcknowledged();
        }
    }

    /** @param token a position handed out by {@link #emit}; unknown or stale tokens are ignored */
    synchronized void ack(long token) {
        int i = find(token);
        if (i < 0) {
            return;
        }
        int slot = physical(i);
        if ((states[slot] & OUTCOME) == PENDING) {
            states[slot] = (byte) (states[slot] | ACKED);
        }
        popAcknowledged();
    }

    private void popAcknowledged() {
        while (size > 0 && (states[head] & (OUTCOME | OPEN)) == ACKED) {
            base = tokens[head] & OFFSET_MASK;
            head = (head + 1) % tokens.length;
            size--;
        }
    }

    /**
     * Marks a unit failed: reading goes back to its start at the next {@link #takeRewind}.
     *
     * @param token a position handed out by {@link #emit}
     * @return whether the token belonged to a unit still in flight
     */
    synchronized boolean fail(long token) {
        int i = find(token);
        if (i < 0 || (states[physical(i)] & OUTCOME) != PENDING) {
            return false;
        }
        states[physical(i)] = (byte) (states[physical(i)] | FAILED);
        long start = startAt(i);
        rewindTo = rewindTo < 0 ? start : Math.min(rewindTo, start);
        return true;
    }

    /**
     * Takes a pending rewind: forgets the units from the rewind offset on (they will be read again)
     * and starts a new epoch.
     *
     * @return the offset to read from again, or -1 when nothing failed
     */
    synchronized long takeRewind() {
        if (rewindTo < 0) {
            return -1;
        }
        while (size > 0 && startAt(size - 1) >= rewindTo) {
            size--;
        }
        epoch = (epoch + 1) & EPOCH_MASK;
        long offset = rewindTo;
        rewindTo = -1;
        return offset;
    }

    /**
     * @return the whole state as plain data (for a hot swap): the committed offset, the epoch, a pending rewind
     *         and the units in flight, oldest first
     */
    synchronized java.util.Map<String, Object> state() {
        java.util.List<Object> unitTokens = new java.util.ArrayList<>(size);
        java.util.List<Object> unitStates = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            unitTokens.add(tokens[physical(i)]);
            unitStates.add((long) states[physical(i)]);
        }
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>(8);
        state.put("base", base);
        state.put("epoch", epoch);
        state.put("rewind", rewindTo);
        state.put("tokens", unitTokens);
        state.put("states", unitStates);
        return state;
    }

    /**
     * The tracker a predecessor described with {@link #state()}, so that the outcomes of the units it handed out
     * settle them here.
     *
     * @param state    what {@link #state()} returned
     * @param maxUnits how many units may be in flight at once
     * @return the tracker; {@code null} when the state is not well-formed or holds more than {@code maxUnits}
     */
    static UnitTracker restore(Object state, int maxUnits) {
        if (!(state instanceof java.util.Map<?, ?> map) || !(map.get("base") instanceof Number base)
                || !(map.get("epoch") instanceof Number epoch) || !(map.get("rewind") instanceof Number rewind)
                || !(map.get("tokens") instanceof java.util.List<?> unitTokens)
                || !(map.get("states") instanceof java.util.List<?> unitStates)
                || unitTokens.size() != unitStates.size() || unitTokens.size() > maxUnits
                || base.longValue() < 0 || base.longValue() > OFFSET_MASK) {
            return null;
        }
        UnitTracker tracker = new UnitTracker(base.longValue(), maxUnits);
        tracker.epoch = epoch.longValue() & EPOCH_MASK;
        tracker.rewindTo = rewind.longValue();
        int count = unitTokens.size();
        tracker.tokens = new long[Math.max(count, tracker.tokens.length)];
        tracker.states = new byte[tracker.tokens.length];
        for (int i = 0; i < count; i++) {
            if (!(unitTokens.get(i) instanceof Number token) || !(unitStates.get(i) instanceof Number unitState)) {
                return null;
            }
            tracker.tokens[i] = token.longValue();
            tracker.states[i] = unitState.byteValue();
        }
        tracker.size = count;
        return tracker;
    }

    /** @return the committed offset: everything before it was acknowledged */
    synchronized long committed() {
        return base;
    }

    /** @return whether every unit handed out was acknowledged and no rewind is pending */
    synchronized boolean settled() {
        return size == 0 && rewindTo < 0;
    }

    /** @return units handed out and not yet acknowledged */
    synchronized int inFlight() {
        return size;
    }

    private long lastEnd() {
        return size == 0 ? base : tokens[physical(size - 1)] & OFFSET_MASK;
    }

    private long startAt(int i) {
        return i == 0 ? base : tokens[physical(i - 1)] & OFFSET_MASK;
    }

    /** @return the index (0 = oldest) of the unit the token belongs to, or -1 */
    private int find(long token) {
        long end = token & OFFSET_MASK;
        long tokenEpoch = token >>> OFFSET_BITS;
        int low = 0;
        int high = size - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if ((tokens[physical(mid)] & OFFSET_MASK) < end) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (size == 0) {
            return -1;
        }
        long unit = tokens[physical(low)];
        if (unit == token) {
            return low;
        }
        // An earlier piece of a grown unit carries an end inside the unit: it belongs to it too.
        boolean inside = (states[physical(low)] & GROWN) != 0 && startAt(low) < end && end <= (unit & OFFSET_MASK);
        return inside && unit >>> OFFSET_BITS == tokenEpoch ? low : -1;
    }

    private int physical(int i) {
        return (head + i) % tokens.length;
    }

    private void grow() {
        int capacity = (int) Math.min(maxUnits, (long) tokens.length * 2);
        long[] t = new long[capacity];
        byte[] s = new byte[capacity];
        for (int i = 0; i < size; i++) {
            t[i] = tokens[physical(i)];
            s[i] = states[physical(i)];
        }
        tokens = t;
        states = s;
        head = 0;
    }
}
