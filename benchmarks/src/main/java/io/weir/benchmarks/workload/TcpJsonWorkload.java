package io.weir.benchmarks.workload;

import java.util.Arrays;

/**
 * The TCP JSON workload in memory: the events of {@link TcpJsonGenerator}, each followed by a
 * newline, in one array, so sending it costs no generation.
 */
public final class TcpJsonWorkload {
    /** The scenario's size: 2,000,000 events. */
    public static final int SCENARIO_EVENTS = 2_000_000;

    private final byte[] data;
    private final int length;
    private final int[] ends;
    private final long debugEvents;
    private final long lastSurvivor;

    private TcpJsonWorkload(byte[] data, int length, int[] ends, long debugEvents, long lastSurvivor) {
        this.data = data;
        this.length = length;
        this.ends = ends;
        this.debugEvents = debugEvents;
        this.lastSurvivor = lastSurvivor;
    }

    /**
     * @param count how many events, 1 to {@link TcpJsonGenerator#MAX_EVENTS}
     * @return the first {@code count} events of the generator
     * @throws IllegalArgumentException when {@code count} is out of range or the data would not fit in
     *                                  one array
     */
    public static TcpJsonWorkload generate(int count) {
        if (count < 1 || count > TcpJsonGenerator.MAX_EVENTS) {
            throw new IllegalArgumentException("events must be 1 to " + TcpJsonGenerator.MAX_EVENTS + ", got " + count);
        }
        long worst = (long) count * (TcpJsonGenerator.MAX_BYTES + 1);
        if (worst > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(count + " events may not fit in one array; use at most "
                    + (Integer.MAX_VALUE - 16) / (TcpJsonGenerator.MAX_BYTES + 1));
        }
        // Sized for the average event, grown in the rare case the sizes come out above it.
        byte[] buffer = new byte[(int) Math.min(worst, (long) count * 142 + 4096)];
        int[] ends = new int[count];
        TcpJsonGenerator generator = new TcpJsonGenerator();
        int at = 0;
        long debug = 0;
        long lastSurvivor = -1;
        for (int i = 0; i < count; i++) {
            TcpJsonEvent event = generator.next();
            String json = event.json();
            if (at + json.length() + 1 > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(worst, buffer.length + (long) buffer.length / 8 + 4096));
            }
            for (int c = 0; c < json.length(); c++) {
                buffer[at++] = (byte) json.charAt(c);
            }
            buffer[at++] = '\n';
            ends[i] = at;
            if (event.isDebug()) {
                debug++;
            } else {
                lastSurvivor = event.n();
            }
        }
        return new TcpJsonWorkload(buffer, at, ends, debug, lastSurvivor);
    }

    /**
     * @return the events, newline-terminated, back to back, in the first {@link #bytes()} bytes of the
     *         array (the rest is unused); do not modify
     */
    public byte[] data() {
        return data;
    }

    /** @return how many events */
    public int events() {
        return ends.length;
    }

    /** @return how many bytes, newlines included */
    public int bytes() {
        return length;
    }

    /** @return how many events are {@code debug} (dropped by the scenario's pipeline) */
    public long debugEvents() {
        return debugEvents;
    }

    /** @return the sequence number {@code n} of the last event the scenario's pipeline keeps, or -1 when it keeps none */
    public long lastSurvivor() {
        return lastSurvivor;
    }

    /**
     * @param event an index from 0
     * @return the offset just after the event's newline
     */
    public int end(int event) {
        return ends[event];
    }
}
