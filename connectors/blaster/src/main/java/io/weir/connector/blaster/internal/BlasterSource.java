package io.weir.connector.blaster.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The blaster source: replays the records of a file held in memory on stream 0, paced or as fast
 * as possible, and emits again every record a sink failed while the replay runs. It owns no thread.
 */
@Component(service = Source.class, configurationPid = BlasterSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + BlasterSource.TYPE)
@Designate(ocd = BlasterConfig.class, factory = true)
public final class BlasterSource implements Source {
    static final String TYPE = "blaster";
    static final String PID = "weir.source." + TYPE;
    static final long STREAM = 0;
    /** Records handed over per pull at most, so the manager regains control often. */
    static final int MAX_PER_PULL = 1024;
    /** Hot-swap state: next emission number, time already spent, positions waiting to be emitted again. */
    static final String NEXT = "next";
    static final String ELAPSED_NS = "elapsed_ns";
    static final String FAILED = "failed";

    private final Path file;
    private final byte[] separator;
    private final long iterations;
    private final long durationNanos;
    private final long rate;
    private final int maxBytes;

    private Records records;
    private ReplayPlan plan;
    private Pacer pacer;
    private final Queue<Long> failed = new ConcurrentLinkedQueue<>();
    private long next;
    /** Replay time spent by previous instances (hot swap). */
    private long elapsedBefore;
    private long startedAt;
    private boolean started;
    private boolean stateRestored;
    private volatile boolean finished;

    @Activate
    public BlasterSource(BlasterConfig config) {
        String source = option("source", config::source);
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("blaster option source is required: the path of the file to replay");
        }
        this.file = Path.of(source.trim());
        String sep = option("separator", config::separator);
        try {
            this.separator = Escapes.unescape(sep == null ? "" : sep);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("blaster option separator: " + e.getMessage(), e);
        }
        if (separator.length == 0) {
            throw new IllegalArgumentException("blaster option separator must not be empty");
        }
        this.iterations = atLeastZero("iterations", option("iterations", config::iterations));
        long durationS = atLeastZero("duration_s", option("duration_s", config::duration__s));
        this.durationNanos = durationS > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE
                : TimeUnit.SECONDS.toNanos(durationS);
        this.rate = atLeastZero("rate", option("rate", config::rate));
        int maxMb = option("max_size_mb", config::max__size__mb);
        if (maxMb < 1 || maxMb > 2047) {
            throw new IllegalArgumentException("blaster option max_size_mb must be between 1 and 2047, got " + maxMb);
        }
        this.maxBytes = maxMb << 20;
    }

    /** Reads an option, naming it when DS could not convert the configured value. */
    private static <T> T option(String name, java.util.function.Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("blaster option " + name + ": invalid value (" + e.getMessage() + ")",
                    e);
        }
    }

    private static long atLeastZero(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("blaster option " + name + " must be 0 or more, got " + value);
        }
        return value;
    }

    @Override
    public void open(SourceContext context) throws IOException {
        if (records == null) {
            // Loaded once per instance; a reopen after a failure reuses it.
            Records loaded;
            try {
                loaded = Records.load(file, separator, maxBytes);
            } catch (IOException e) {
                throw new IOException("blaster source " + context.name() + ": cannot load option source = " + file
                        + ": " + e.getMessage(), e);
            }
            if (loaded.count() == 0) {
                throw new IOException("blaster source " + context.name() + ": option source = " + file
                        + " is an empty file");
            }
            records = loaded;
        }
        plan = new ReplayPlan(records.count(), iterations, durationNanos);
        pacer = rate > 0 ? new Pacer(rate) : null;
        if (!stateRestored) {
            stateRestored = true;
            restore(context.restoredState());
        }
    }

    /** Takes over where the instance this one replaces stopped. */
    private void restore(Map<String, Object> state) {
        if (state.get(NEXT) instanceof Number) {
            next = ((Number) state.get(NEXT)).longValue();
        }
        if (state.get(ELAPSED_NS) instanceof Number) {
            elapsedBefore = ((Number) state.get(ELAPSED_NS)).longValue();
        }
        if (state.get(FAILED) instanceof List) {
            for (Object position : (List<?>) state.get(FAILED)) {
                if (position instanceof Number) {
                    failed.add(((Number) position).longValue());
                }
            }
        }
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) {
        long now = System.nanoTime();
        if (!started) {
            // The clock starts with the first pull: sources start paused until the sinks are ready.
            started = true;
            startedAt = now;
        }
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        int allowed = MAX_PER_PULL;
        if (pacer != null) {
            while ((allowed = pacer.permits(now, MAX_PER_PULL)) == 0) {
                long wait = Math.min(pacer.nanosUntilNext(now), deadline - now);
                if (wait <= 0 || Thread.currentThread().isInterrupted()) {
                    return true;
                }
                LockSupport.parkNanos(wait);
                now = System.nanoTime();
            }
        }
        int sent = 0;
        long elapsed = elapsedBefore + (now - startedAt);
        boolean full = false;
        while (sent < allowed && !(full = output.full())) {
            Long again = failed.poll();
            long position;
            if (again != null) {
                position = again;
            } else if (!plan.finished(next, elapsed)) {
                position = next++;
            } else {
                break;
            }
            int record = (int) Math.floorMod(position, (long) records.count());
            output.data(STREAM, position, records.data(), records.start(record), records.length(record), Map.of());
            sent++;
        }
        if (pacer != null) {
            pacer.emitted(sent);
        }
        if (sent < allowed && !full) {
            // Nothing left to emit and nothing to emit again.
            finished = true;
            output.streamEnd(STREAM);
            return false;
        }
        return true;
    }

    @Override
    public void fail(long stream, long position) {
        // After the replay finished nobody pulls any more: a late failure cannot be served.
        if (stream == STREAM && !finished) {
            failed.add(position);
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        long elapsed = elapsedBefore + (started ? System.nanoTime() - startedAt : 0);
        return Map.of(NEXT, next, ELAPSED_NS, elapsed, FAILED, new ArrayList<>(failed));
    }

    @Override
    public void close() {
        if (started) {
            // A reopen after a failure carries on where this one stopped, with its time counted.
            elapsedBefore += System.nanoTime() - startedAt;
            started = false;
        }
    }
}
