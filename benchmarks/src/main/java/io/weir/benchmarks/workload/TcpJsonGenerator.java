package io.weir.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the events of the TCP JSON workload, one after the other, always the same ones: the
 * load generator and the verifier each run their own generator and so agree on every event without
 * sharing a file.
 *
 * <p>Each event is 90 to 190 bytes of JSON (uniformly, so 140 on average; the newline is not
 * counted) with the fields {@code ts}, {@code host}, {@code level}, {@code msg} and {@code n}. In
 * every block of ten consecutive events exactly one is {@code debug} (so exactly 10% of a workload
 * whose size is a multiple of ten); of the others about two thirds are {@code info}, two ninths
 * {@code warn} and one ninth {@code error}.
 */
public final class TcpJsonGenerator {
    /** Shortest event in bytes, without the newline. */
    public static final int MIN_BYTES = 90;
    /** Longest event in bytes, without the newline. */
    public static final int MAX_BYTES = 190;
    /** Largest sequence number that still leaves room for a message in the shortest event. */
    public static final long MAX_EVENTS = 10_000_000L;
    /** The first {@code ts}: 2023-11-14T22:13:20Z; each event is one millisecond later. */
    public static final long FIRST_TS = 1_700_000_000_000L;

    private static final long SEED = 0x5EEDL;
    /** Words of every length from 1 to {@link #LONGEST_WORD}, so any message length can be met exactly. */
    private static final String[] WORDS = ("a I an is of to at on in by up go ok "
            + "the and for not job via new old red hot low "
            + "disk user sent read wait slow fast lost call host "
            + "cache retry queue flush drain reply error start token write "
            + "commit socket opened closed worker thread buffer stream "
            + "request timeout session backend message rotated payload "
            + "accepted received finished shutdown database overflow "
            + "scheduler completed connected heartbeat partition "
            + "throughput connection downstream checkpoint").split(" ");
    private static final int LONGEST_WORD = 10;
    private static final String[][] WORDS_BY_LENGTH = byLength();

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final StringBuilder msg = new StringBuilder(MAX_BYTES);
    private long n;
    private int debugSlot;

    /** @return the next event */
    public TcpJsonEvent next() {
        if (n >= MAX_EVENTS) {
            throw new IllegalStateException("the workload has at most " + MAX_EVENTS + " events");
        }
        if (n % 10 == 0) {
            debugSlot = random.nextInt(10);
        }
        String level;
        if (n % 10 == debugSlot) {
            level = "debug";
        } else {
            int pick = random.nextInt(9);
            level = pick < 6 ? "info" : pick < 8 ? "warn" : "error";
        }
        String host = "host-" + (char) ('0' + random.nextInt(4)) + (char) ('0' + random.nextInt(10));
        long ts = FIRST_TS + n;
        int size = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES + 1);
        int skeleton = new TcpJsonEvent(ts, host, level, "", n).json().length();
        String text = message(size - skeleton);
        return new TcpJsonEvent(ts, host, level, text, n++);
    }

    /**
     * @param count how many events
     * @return the first {@code count} events of a fresh generator
     */
    public static List<TcpJsonEvent> first(int count) {
        TcpJsonGenerator generator = new TcpJsonGenerator();
        List<TcpJsonEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    /** Words separated by spaces, exactly {@code length} characters long. */
    private String message(int length) {
        msg.setLength(0);
        int left = length;
        while (left > LONGEST_WORD + 1) {
            String word = WORDS[random.nextInt(WORDS.length)];
            msg.append(word).append(' ');
            left -= word.length() + 1;
        }
        if (left == LONGEST_WORD + 1) {
            // No single word fits; two do.
            msg.append(word(LONGEST_WORD - 1)).append(' ');
            left = 1;
        }
        msg.append(word(left));
        return msg.toString();
    }

    private String word(int length) {
        String[] choices = WORDS_BY_LENGTH[length];
        return choices[random.nextInt(choices.length)];
    }

    private static String[][] byLength() {
        String[][] table = new String[LONGEST_WORD + 1][];
        for (int length = 1; length <= LONGEST_WORD; length++) {
            List<String> same = new ArrayList<>();
            for (String word : WORDS) {
                if (word.length() == length) {
                    same.add(word);
                }
                if (word.length() > LONGEST_WORD) {
                    throw new IllegalStateException("word longer than " + LONGEST_WORD + ": " + word);
                }
            }
            if (same.isEmpty()) {
                throw new IllegalStateException("no word of length " + length);
            }
            table[length] = same.toArray(new String[0]);
        }
        return table;
    }
}
