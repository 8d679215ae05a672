package io.weir.connector.stdio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a blocking input stream on a thread of its own and hands the chunks over through a
 * bounded queue, so that the source's {@code pull} can wait with a timeout. At most
 * {@code buffers} buffers exist: when nobody takes chunks, the thread stops reading.
 *
 * <p>Java cannot interrupt a thread blocked reading a file descriptor such as standard input:
 * {@link #stop} ends the thread at once unless it is inside such a read, and otherwise when the
 * read returns; what that read returns is discarded.
 */
final class StreamPump {
    /** One thing read: data, end of input, or a read error. */
    static final class Chunk {
        final byte[] buffer;
        final int length;
        /** Offset of the first byte in the input. */
        final long offset;
        final IOException error;

        private Chunk(byte[] buffer, int length, long offset, IOException error) {
            this.buffer = buffer;
            this.length = length;
            this.offset = offset;
            this.error = error;
        }

        boolean isEnd() {
            return buffer == null && error == null;
        }
    }

    private final InputStream in;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> full;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param in         the stream to read; never closed by the pump
     * @param bufferSize largest chunk
     * @param buffers    how many buffers exist at most
     * @param threadName name of the reading thread
     */
    StreamPump(InputStream in, int bufferSize, int buffers, String threadName) {
        this.in = in;
        this.free = new ArrayBlockingQueue<>(buffers);
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long offset = 0;
        try {
            while (!stopped) {
                byte[] buffer = free.take();
                int n = in.read(buffer);
                if (stopped) {
                    return;
                }
                if (n < 0) {
                    full.put(new Chunk(null, 0, offset, null));
                    return;
                }
                if (n == 0) {
                    free.put(buffer);
                    continue;
                }
                full.put(new Chunk(buffer, n, offset, null));
                offset += n;
            }
        } catch (InterruptedException e) {
            // stop() was called while waiting for a buffer or for room
        } catch (IOException e) {
            if (!stopped) {
                full.offer(new Chunk(null, 0, offset, e));
            }
        }
    }

    /**
     * @return the next chunk, or null if none came within the timeout
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Chunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        return full.poll(timeout, unit);
    }

    /** Gives a chunk's buffer back once its data has been consumed. */
    void recycle(Chunk chunk) {
        if (chunk.buffer != null) {
            free.offer(chunk.buffer);
        }
    }

    /**
     * Stops the thread and waits for it to end.
     *
     * @return true if it ended within the timeout; false if it is still blocked in a read
     */
    boolean stop(long timeoutMillis) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(Math.max(1, timeoutMillis));
        return !thread.isAlive();
    }

    String threadName() {
        return thread.getName();
    }
}
