package io.weir.runtime.internal.flow;

import io.weir.runtime.internal.manager.Inbox;

/**
 * What waits in a node's inbox, as the shell shows it: a queue is full at whichever bound it reaches first,
 * its events or their estimated bytes.
 *
 * @param events        events waiting
 * @param capacity      the most events that may wait
 * @param bytes         the estimated bytes of the events waiting
 * @param byteCapacity  the most estimated bytes that may wait
 */
public record QueueView(int events, int capacity, long bytes, long byteCapacity) {

    /** @return the inbox as it is now */
    public static QueueView of(Inbox inbox) {
        return new QueueView(inbox.size(), inbox.capacity(), inbox.bytes(), inbox.byteCapacity());
    }

    /** @return {@code 7/1024 (180/256 KiB)} */
    public String describe() {
        return events + "/" + capacity + " (" + kib(bytes) + "/" + kib(byteCapacity) + " KiB)";
    }

    private static long kib(long n) {
        return (n + 1023) / 1024;
    }
}
