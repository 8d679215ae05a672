package io.weir.example.internal.sequence;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;
import io.weir.example.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Emits the values {@code {"n": 0, "at": ...}}, {@code {"n": 1, ...}}, ... at a fixed rate, as
 * structured values (no codec needed). Its state is the next {@code n}: after a hot swap the new
 * version goes on where the old one stopped.
 *
 * <p>One instance per factory configuration of PID {@value #PID}. Everything runs on the manager's
 * thread; the source has no threads of its own and nothing to release.
 */
@Component(service = Source.class, configurationPid = SequenceSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Connector.TYPE + "=" + SequenceSource.TYPE)
@Designate(ocd = SequenceConfig.class, factory = true)
public final class SequenceSource implements Source {
    /** The connector type, the value of {@value Connector#TYPE}. */
    public static final String TYPE = "sequence";
    /** The factory PID of its configurations. */
    public static final String PID = "weir.source." + TYPE;
    /** The key of the next {@code n} in the state handed across a hot swap. */
    static final String NEXT = "next";
    /** All values go to one stream. */
    static final long STREAM = 0;
    /** Most values handed out by one pull, so that the manager stays responsive when catching up. */
    static final int MAX_BATCH = 1024;

    private final SequenceSettings settings;
    private final Ticker ticker;
    private final long periodNanos;
    private final long backlogLimit;
    private long next;
    private long scheduleStart;
    private long emittedOnSchedule;

    /**
     * Called by DS with the instance's configuration.
     *
     * @param config     the options
     * @param properties the whole configuration, for the file name in messages
     * @throws IllegalArgumentException naming the file and key of a bad option; DS logs it and
     *                                  leaves the instance inactive
     */
    @Activate
    public SequenceSource(SequenceConfig config, Map<String, Object> properties) {
        this(settings(config, new ConfigReader(properties)), Ticker.SYSTEM);
    }

    SequenceSource(SequenceSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.periodNanos = settings.periodNanos();
        this.backlogLimit = Math.max(MAX_BATCH, (long) settings.rate());
    }

    private static SequenceSettings settings(SequenceConfig config, ConfigReader reader) {
        return SequenceSettings.of(reader.read("rate", config::rate), reader.read("limit", config::limit),
                reader.origin());
    }

    @Override
    public void open(SourceContext context) {
        next = restoredNext(context.restoredState(), context.name());
        restartSchedule(ticker.nanoTime());
    }

    private static long restoredNext(Map<String, Object> state, String name) {
        Object value = state.get(NEXT);
        if (value == null) {
            return 0;
        }
        if (value instanceof Long || value instanceof Integer) {
            long restored = ((Number) value).longValue();
            if (restored >= 0) {
                return restored;
            }
        }
        throw new IllegalStateException("sequence source '" + name + "': restored state '" + NEXT
                + "' must be a whole number >= 0, was " + value + " (" + value.getClass().getSimpleName() + ")");
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws InterruptedException {
        if (finished()) {
            return false;
        }
        long now = ticker.nanoTime();
        long due = due(now);
        if (due <= 0) {
            long untilNext = scheduleStart + emittedOnSchedule * periodNanos - now;
            ticker.sleep(Math.min(untilNext, TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
            now = ticker.nanoTime();
            due = due(now);
            if (due <= 0) {
                return true;
            }
        }
        if (due > backlogLimit) {
            // Over a second (and a batch) behind: the flow was slow or the machine stalled. Drop the backlog
            // of ticks rather than burst; n stays contiguous, only the timing restarts.
            restartSchedule(now);
            due = 1;
        }
        long count = Math.min(due, MAX_BATCH);
        if (settings.limit() > 0) {
            count = Math.min(count, settings.limit() - next);
        }
        long at = ticker.currentTimeMillis();
        for (long i = 0; i < count; i++) {
            Map<String, Object> value = new LinkedHashMap<>(4);
            value.put("n", next);
            value.put("at", at);
            output.value(STREAM, next, value, new HashMap<>(2));
            next++;
            emittedOnSchedule++;
        }
        return !finished();
    }

    private boolean finished() {
        return settings.limit() > 0 && next >= settings.limit();
    }

    /** @return how many values are due at {@code now} and not yet emitted */
    private long due(long now) {
        long elapsed = now - scheduleStart;
        return elapsed < 0 ? 0 : elapsed / periodNanos + 1 - emittedOnSchedule;
    }

    private void restartSchedule(long now) {
        scheduleStart = now;
        emittedOnSchedule = 0;
    }

    /** The flow resumes after a pause: start the schedule afresh instead of catching up. */
    @Override
    public void resume() {
        restartSchedule(ticker.nanoTime());
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of(NEXT, next);
    }

    @Override
    public void close() {
        // Nothing to release: no threads, no files.
    }
}
