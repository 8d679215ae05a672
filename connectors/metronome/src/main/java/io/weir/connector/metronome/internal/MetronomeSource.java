package io.weir.connector.metronome.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The metronome source: one structured tick event every {@code interval_ms}, numbered from 0.
 * It owns no thread; {@link #pull} sleeps until the next tick is due, at most its timeout.
 */
@Component(service = Source.class, configurationPid = MetronomeSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + MetronomeSource.TYPE)
@Designate(ocd = MetronomeConfig.class, factory = true)
public final class MetronomeSource implements Source {
    static final String TYPE = "metronome";
    static final String PID = "weir.source." + TYPE;
    /** Key of the next tick number in the hot-swap state. */
    static final String NEXT_ID = "next_id";
    static final long STREAM = 0;

    private final long intervalNanos;
    private TickSchedule schedule;
    private long nextId;
    private boolean stateRestored;

    @Activate
    public MetronomeSource(MetronomeConfig config) {
        long intervalMs;
        try {
            intervalMs = config.interval__ms();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("metronome option interval_ms: not a whole number of milliseconds ("
                    + e.getMessage() + ")", e);
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException("metronome option interval_ms must be at least 1, got " + intervalMs);
        }
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    @Override
    public void open(SourceContext context) {
        // A replacement carries on counting where the previous instance stopped; a reopen after a
        // failure carries on with its own count.
        if (!stateRestored) {
            stateRestored = true;
            Object restored = context.restoredState().get(NEXT_ID);
            if (restored instanceof Number) {
                nextId = ((Number) restored).longValue();
            }
        }
        schedule = null;
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) {
        long now = System.nanoTime();
        if (schedule == null) {
            // The grid starts with the first pull, not at open: sources start paused.
            schedule = new TickSchedule(intervalNanos, now);
        }
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        long wait;
        while ((wait = schedule.nanosUntilDue(now)) > 0) {
            long left = deadline - now;
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, left));
            } catch (InterruptedException e) {
                // The manager wants this thread back (shutdown, pause): leave the flag for it.
                Thread.currentThread().interrupt();
                return true;
            }
            now = System.nanoTime();
        }
        long id = nextId++;
        output.value(STREAM, id, tick(id), Map.of());
        schedule.ticked(now);
        return true;
    }

    private static Map<String, Object> tick(long id) {
        Instant wallClock = Instant.now();
        Map<String, Object> value = new LinkedHashMap<>(4);
        value.put("onramp", TYPE);
        value.put("ingest_ns", wallClock.getEpochSecond() * 1_000_000_000L + wallClock.getNano());
        value.put("id", id);
        return value;
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of(NEXT_ID, nextId);
    }

    @Override
    public void close() {
        schedule = null;
    }
}
