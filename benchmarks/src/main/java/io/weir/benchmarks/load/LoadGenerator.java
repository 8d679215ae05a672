package io.weir.benchmarks.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.weir.benchmarks.workload.TcpJsonWorkload;

/**
 * Sends the TCP JSON workload over one TCP connection, as fast as the connection takes it or at a
 * set rate of events per second.
 *
 * <pre>
 * java -cp benchmarks.jar io.weir.benchmarks.load.LoadGenerator --port 4000 [--host 127.0.0.1]
 *      [--events 2000000] [--rate 0] [--connect-timeout-s 30] [--timeout-s 600]
 * </pre>
 */
public final class LoadGenerator {
    private static final int SLICE = 1 << 20;
    /** A paced sender that falls further behind than this restarts its schedule instead of bursting. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TcpJsonWorkload workload;

    /** @param workload the events to send */
    public LoadGenerator(TcpJsonWorkload workload) {
        this.workload = workload;
    }

    /**
     * Connects, retrying until the server accepts or {@code connectTimeout} passes.
     *
     * @param target         where to connect
     * @param connectTimeout how long to keep trying
     * @return the connected, blocking channel
     * @throws IOException when no connection could be made in time
     */
    public static SocketChannel connect(InetSocketAddress target, Duration connectTimeout) throws IOException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (true) {
            try {
                SocketChannel channel = SocketChannel.open(target);
                channel.socket().setSendBufferSize(1 << 20);
                return channel;
            } catch (ConnectException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("nothing accepts connections on " + target + " after "
                            + connectTimeout.toSeconds() + " s", e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /**
     * Sends the whole workload and closes the connection (the server sees the stream end).
     *
     * @param channel a connected channel; closed on return
     * @param rate    events per second, 0 for as fast as possible
     * @param timeout the whole send is abandoned (the channel closed) after this long
     * @return what was sent and when
     * @throws IOException when the connection fails or the timeout passes
     */
    public SendResult send(SocketChannel channel, long rate, Duration timeout) throws IOException {
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be 0 (as fast as possible) or positive, got " + rate);
        }
        Watchdog watchdog = new Watchdog(channel, timeout);
        try (channel) {
            watchdog.start();
            long first = System.nanoTime();
            if (rate == 0) {
                write(channel, 0, workload.bytes());
            } else {
                paced(channel, rate);
            }
            long last = System.nanoTime();
            channel.shutdownOutput();
            return new SendResult(workload.events(), workload.bytes(), first, last);
        } catch (IOException e) {
            if (watchdog.fired) {
                throw new IOException("sending took longer than " + timeout.toSeconds()
                        + " s; the server did not keep reading", e);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private void paced(SocketChannel channel, long rate) throws IOException {
        // Sent in groups of a millisecond's worth of events, each at its time.
        int group = (int) Math.max(1, rate / 1000);
        long start = System.nanoTime();
        int sentEvents = 0;
        int sentBytes = 0;
        while (sentEvents < workload.events()) {
            long due = start + (long) (sentEvents * 1e9 / rate);
            long now = System.nanoTime();
            if (now - due > MAX_LAG_NANOS) {
                start = now - (long) (sentEvents * 1e9 / rate);
            } else {
                while (due - now > 0) {
                    LockSupport.parkNanos(due - now);
                    now = System.nanoTime();
                }
            }
            int upTo = Math.min(workload.events(), sentEvents + group);
            int end = workload.end(upTo - 1);
            write(channel, sentBytes, end - sentBytes);
            sentEvents = upTo;
            sentBytes = end;
        }
    }

    private void write(SocketChannel channel, int offset, int length) throws IOException {
        int end = offset + length;
        for (int at = offset; at < end; at += SLICE) {
            ByteBuffer slice = ByteBuffer.wrap(workload.data(), at, Math.min(SLICE, end - at));
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
        }
    }

    /** Closes the channel when the send takes too long, which ends a blocked write. */
    private static final class Watchdog extends Thread {
        private final SocketChannel channel;
        private final long timeoutNanos;
        volatile boolean fired;

        Watchdog(SocketChannel channel, Duration timeout) {
            super("load-generator-watchdog");
            setDaemon(true);
            this.channel = channel;
            this.timeoutNanos = timeout.toNanos();
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + timeoutNanos;
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (isInterrupted()) {
                    return;
                }
            }
            fired = true;
            try {
                channel.close();
            } catch (IOException e) {
                // The sender sees the closed channel either way.
            }
        }
    }

    /**
     * @param args see the class documentation
     * @throws Exception on a failure, with a message
     */
    public static void main(String[] args) throws Exception {
        String host;
        int port;
        int events;
        long rate;
        long connectTimeout;
        long timeout;
        try {
            Args options = new Args(args, "--host", "--port", "--events", "--rate", "--connect-timeout-s", "--timeout-s");
            host = options.text("--host", "127.0.0.1");
            port = (int) options.number("--port", -1, 1, 65535);
            events = (int) options.number("--events", TcpJsonWorkload.SCENARIO_EVENTS, 1, Integer.MAX_VALUE);
            rate = options.number("--rate", 0, 0, Long.MAX_VALUE);
            connectTimeout = options.number("--connect-timeout-s", 30, 1, 86_400);
            timeout = options.number("--timeout-s", 600, 1, 86_400);
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        TcpJsonWorkload workload = TcpJsonWorkload.generate(events);
        System.out.printf("generated %,d events (%,d debug), %,d bytes in %.3f s%n", workload.events(),
                workload.debugEvents(), workload.bytes(), (System.nanoTime() - t0) / 1e9);
        InetSocketAddress target = new InetSocketAddress(host, port);
        try {
            SocketChannel channel = connect(target, Duration.ofSeconds(connectTimeout));
            System.out.println("connected to " + target + (rate == 0 ? ", sending as fast as possible"
                    : ", sending " + rate + " events/s"));
            System.out.println(new LoadGenerator(workload).send(channel, rate, Duration.ofSeconds(timeout)));
        } catch (IOException e) {
            System.err.println("load generator: " + e.getMessage());
            System.exit(1);
        }
    }
}
