package io.weir.benchmarks.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a process's CPU time every 100 ms, so that the CPU used over any window of a run can be
 * told afterwards (a blackhole's measurement window is only known once its report appears): all of it,
 * and the part its JIT compiler and garbage collector threads used ({@link JvmThreadTicks}).
 */
final class CpuSampler implements AutoCloseable {
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Columns of a sample after its time. */
    private static final int ALL = 1;
    private static final int JIT = 2;
    private static final int GC = 3;

    private final long pid;
    private final JvmThreadTicks jvmThreads = new JvmThreadTicks();
    private final List<long[]> samples = new ArrayList<>();
    /** Reading the threads failed once: the JIT and GC figures are not known. */
    private boolean threadsUnreadable;
    /** The JVM has collector threads: without any (the serial collector) the GC figure is not known. */
    private boolean gcThreadsSeen;
    private final Thread thread;
    private volatile boolean stopped;

    /** @param pid the process; sampling starts at once */
    CpuSampler(long pid) {
        this.pid = pid;
        sample();
        thread = new Thread(this::loop, "cpu-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            LockSupport.parkNanos(INTERVAL_NANOS);
            if (!sample()) {
                return;
            }
        }
    }

    private boolean sample() {
        // Under the lock, all of it: the last sample of a window is taken by the caller's thread.
        synchronized (samples) {
            long now = System.nanoTime();
            long ticks;
            try {
                ticks = Proc.cpuTicks(pid);
            } catch (IOException | RuntimeException e) {
                return false;
            }
            try {
                jvmThreads.read(pid);
            } catch (IOException | RuntimeException e) {
                // The process's total still counts; its threads' figures are not known from here on.
                threadsUnreadable = true;
            }
            samples.add(new long[] {now, ticks, jvmThreads.ticks(JvmThreadTicks.Kind.JIT),
                    jvmThreads.ticks(JvmThreadTicks.Kind.GC)});
            if (jvmThreads.threads(JvmThreadTicks.Kind.GC) > 0) {
                gcThreadsSeen = true;
            }
            return true;
        }
    }

    /**
     * @param fromNanos window start ({@link System#nanoTime()})
     * @param toNanos   window end
     * @return the average number of cores the process kept busy in the window, interpolated between
     *         samples; NaN when the window is not covered by samples
     */
    double coresBetween(long fromNanos, long toNanos) {
        sample();
        synchronized (samples) {
            return cores(ALL, fromNanos, toNanos);
        }
    }

    /**
     * Puts the window's {@link Metric#CORES}, as {@link #coresBetween}, and the parts of it the JVM's JIT compiler
     * threads ({@link Metric#JIT_CORES}) and garbage collector threads ({@link Metric#GC_CORES}) used, all from the
     * same samples. The GC figure is NaN when the JVM has no such threads (the serial collector works in its
     * {@code VM Thread}); both parts are NaN when the threads could not be read.
     *
     * @param measurement the run's figures
     * @param fromNanos   window start ({@link System#nanoTime()})
     * @param toNanos     window end
     */
    void putCores(Measurement measurement, long fromNanos, long toNanos) {
        sample();
        synchronized (samples) {
            measurement.put(Metric.CORES, cores(ALL, fromNanos, toNanos))
                    .put(Metric.JIT_CORES, threadsUnreadable ? Double.NaN : cores(JIT, fromNanos, toNanos))
                    .put(Metric.GC_CORES, threadsUnreadable || !gcThreadsSeen ? Double.NaN
                            : cores(GC, fromNanos, toNanos));
        }
    }

    /** The caller holds the lock of {@link #samples}. */
    private double cores(int column, long fromNanos, long toNanos) {
        double from = ticksAt(column, fromNanos);
        double to = ticksAt(column, toNanos);
        if (Double.isNaN(from) || Double.isNaN(to) || toNanos <= fromNanos) {
            return Double.NaN;
        }
        return (to - from) / Proc.clockTicksPerSecond() / ((toNanos - fromNanos) / 1e9);
    }

    private double ticksAt(int column, long nanos) {
        for (int i = 1; i < samples.size(); i++) {
            long[] before = samples.get(i - 1);
            long[] after = samples.get(i);
            if (before[0] <= nanos && nanos <= after[0]) {
                double share = after[0] == before[0] ? 0 : (double) (nanos - before[0]) / (after[0] - before[0]);
                return before[column] + share * (after[column] - before[column]);
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
