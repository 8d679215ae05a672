package io.weir.connector.tcp.internal.server;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded hand-off between the I/O thread and the manager thread that pulls: a fixed pool of
 * read buffers and a queue of what was read. When every buffer is taken the I/O thread stops
 * reading, so TCP flow control pushes back on the clients instead of memory growing. At most
 * {@code buffers * bufferBytes} bytes wait here.
 */
final class Handoff {
    /** Something the I/O thread read: a chunk of a connection, or its end when {@code data} is null. */
    record Item(long stream, long position, byte[] data, int length, Map<String, Object> meta) {
    }

    private final int buffers;
    private final int bufferBytes;
    private final ArrayBlockingQueue<byte[]> free;
    private final ArrayBlockingQueue<Item> ready;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final int wakeAtFree;
    private int allocated;
    private volatile Runnable onRoom = () -> { };

    /**
     * @param buffers     how many read buffers exist
     * @param bufferBytes the size of each
     */
    Handoff(int buffers, int bufferBytes) {
        this.buffers = buffers;
        this.bufferBytes = bufferBytes;
        this.wakeAtFree = Math.max(1, buffers / 4);
        this.free = new ArrayBlockingQueue<>(buffers);
        // Every item holds a buffer, or is the end of a connection that held one before.
        this.ready = new ArrayBlockingQueue<>(buffers * 2);
    }

    /** @param onRoom called on the pulling thread when room appears after the I/O thread stalled */
    void onRoom(Runnable onRoom) {
        this.onRoom = onRoom;
    }

    /** I/O thread: @return whether one more item (and a buffer for it) fits now */
    boolean hasRoom() {
        return (!free.isEmpty() || allocated < buffers) && ready.remainingCapacity() > 0;
    }

    /**
     * I/O thread: notes that it stops reading for lack of room, unless room appeared meanwhile.
     *
     * @return true when it must wait for {@link #onRoom}
     */
    boolean stall() {
        stalled.set(true);
        if (hasRoom()) {
            stalled.set(false);
            return false;
        }
        return true;
    }

    /** I/O thread: a free buffer; call only after {@link #hasRoom} said yes. */
    byte[] buffer() {
        byte[] buffer = free.poll();
        if (buffer == null) {
            allocated++;
            buffer = new byte[bufferBytes];
        }
        return buffer;
    }

    /** I/O thread: hands a chunk over; the buffer belongs to the puller until it is {@link #release}d. */
    void data(long stream, long position, byte[] buffer, int length, Map<String, Object> meta) {
        ready.add(new Item(stream, position, buffer, length, meta));
    }

    /** I/O thread: a connection that delivered data ended. */
    void end(long stream) {
        ready.add(new Item(stream, -1, null, 0, null));
    }

    /**
     * Returns a buffer to the pool (either thread). A stalled I/O thread is woken once a quarter of the
     * buffers is free, or everything read was taken, rather than for each buffer: one wake-up then reads
     * several chunks.
     */
    void release(byte[] buffer) {
        free.add(buffer);
        if (stalled.get() && (free.size() >= wakeAtFree || ready.isEmpty()) && stalled.compareAndSet(true, false)) {
            onRoom.run();
        }
    }

    /** Puller: @return the next item, waiting at most {@code timeoutMillis}; null when none came */
    Item poll(long timeoutMillis) throws InterruptedException {
        return ready.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Puller: @return the next item without waiting, or null */
    Item poll() {
        return ready.poll();
    }

    /** @return bytes read and waiting to be pulled */
    long bufferedBytes() {
        long bytes = 0;
        for (Item item : ready) {
            bytes += item.length();
        }
        return bytes;
    }
}
