package io.weir.connector.blackhole.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The blackhole sink: measures and drops. The manager thread records each event; with
 * {@code stop_after_s}, a thread of the sink's own makes the report when the window closes, even
 * if no event arrives any more. Both share the measurement under one lock, uncontended but for
 * that single moment.
 */
@Component(service = Sink.class, configurationPid = BlackholeSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + BlackholeSink.TYPE)
@Designate(ocd = BlackholeConfig.class, factory = true)
public final class BlackholeSink implements Sink {
    static final String TYPE = "blackhole";
    static final String PID = "weir.sink." + TYPE;

    private final long warmupNanos;
    private final long stopAfterNanos;
    private final Path reportFile;
    private final int digits;
    private final Supplier<PrintStream> stdout;

    private final Object lock = new Object();
    private String name;
    private long closeTimeoutMillis;
    private Measurement measurement;
    private boolean reported;
    private Thread stopper;
    /** Opened by close(): the stopper leaves without reporting, close() reports. */
    private CountDownLatch closing;
    private volatile Report lastReport;

    @Activate
    public BlackholeSink(BlackholeConfig config) {
        this(config, () -> System.out);
    }

    BlackholeSink(BlackholeConfig config, Supplier<PrintStream> stdout) {
        this.warmupNanos = seconds("warmup_s", option("warmup_s", config::warmup__s));
        this.stopAfterNanos = seconds("stop_after_s", option("stop_after_s", config::stop__after__s));
        String file = option("report_file", config::report__file);
        if (file == null || file.isBlank()) {
            this.reportFile = null;
        } else {
            try {
                this.reportFile = Path.of(file.trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("blackhole option report_file: not a valid path: " + file, e);
            }
            if (Files.isDirectory(reportFile)) {
                throw new IllegalArgumentException("blackhole option report_file is a folder, not a file: " + file);
            }
        }
        this.digits = option("significant_digits", config::significant__digits);
        if (digits < 1 || digits > 5) {
            throw new IllegalArgumentException("blackhole option significant_digits must be between 1 and 5, got "
                    + digits);
        }
        this.stdout = stdout;
    }

    /** Reads an option, naming it when DS could not convert the configured value. */
    private static <T> T option(String name, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("blackhole option " + name + ": invalid value (" + e.getMessage()
                    + ")", e);
        }
    }

    private static long seconds(String name, long value) {
        if (value < 0 || value > TimeUnit.DAYS.toSeconds(365)) {
            throw new IllegalArgumentException("blackhole option " + name + " must be between 0 and 31536000, got "
                    + value);
        }
        return TimeUnit.SECONDS.toNanos(value);
    }

    @Override
    public void open(SinkContext context) {
        synchronized (lock) {
            name = context.name();
            closeTimeoutMillis = context.closeTimeoutMillis();
            measurement = new Measurement(warmupNanos, stopAfterNanos, digits);
            reported = false;
        }
        closing = new CountDownLatch(1);
    }

    @Override
    public void write(SinkEvent sinkEvent) {
        long now = System.nanoTime();
        Event event = sinkEvent.event();
        List<byte[]> frames = sinkEvent.frames();
        long bytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            bytes += frames.get(i).length;
        }
        boolean first;
        synchronized (lock) {
            first = !measurement.started();
            measurement.record(now, now - event.ingestNanos(), event.ids().size(), bytes);
        }
        if (first && stopAfterNanos > 0) {
            startStopper(measurement.stopAt());
        }
    }

    /** Starts the thread that makes the report when the measurement window closes. */
    private void startStopper(long stopAt) {
        CountDownLatch closed = closing;
        // No interrupts: one could break the report file's write half-way.
        stopper = new Thread(() -> {
            try {
                if (closed.await(stopAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                report();
            } catch (IOException e) {
                System.err.println(e.getMessage());
            }
        }, "weir-blackhole-" + name);
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Makes the report once per opening: prints it and writes the report file. */
    private void report() throws IOException {
        String text;
        synchronized (lock) {
            if (reported || measurement == null) {
                return;
            }
            reported = true;
            Report report = measurement.report(System.nanoTime());
            lastReport = report;
            text = report.text(name);
        }
        PrintStream out = stdout.get();
        out.print(text);
        out.flush();
        if (reportFile != null) {
            try {
                ReportFile.write(reportFile, text);
            } catch (IOException e) {
                throw new IOException("blackhole " + name + ": cannot write option report_file = " + reportFile
                        + ": " + e, e);
            }
        }
    }

    /** @return the last report made, for tests; null before the first */
    Report lastReport() {
        return lastReport;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Thread running = stopper;
        stopper = null;
        if (closing != null) {
            closing.countDown();
        }
        if (running != null) {
            // It is either leaving now or finishing the report; close reports only if it did not.
            running.join(Math.max(1, closeTimeoutMillis / 2));
        }
        report();
    }
}
