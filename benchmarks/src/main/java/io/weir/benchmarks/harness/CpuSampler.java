package io.weir.benchmarks.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a process's CPU time every 100 ms, so that the CPU used over any window of a run can be
 * told afterwards (a blackhole's measurement window is only known once its report appears).
 */
final class CpuSampler implements AutoCloseable {
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long pid;
    private final List<long[]> samples = new ArrayList<>();
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
        try {
            long ticks = Proc.cpuTicks(pid);
            synchronized (samples) {
                samples.add(new long[] {System.nanoTime(), ticks});
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
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
            double from = ticksAt(fromNanos);
            double to = ticksAt(toNanos);
            if (Double.isNaN(from) || Double.isNaN(to) || toNanos <= fromNanos) {
                return Double.NaN;
            }
            return (to - from) / Proc.clockTicksPerSecond() / ((toNanos - fromNanos) / 1e9);
        }
    }

    private double ticksAt(long nanos) {
        for (int i = 1; i < samples.size(); i++) {
            long[] before = samples.get(i - 1);
            long[] after = samples.get(i);
            if (before[0] <= nanos && nanos <= after[0]) {
                double share = after[0] == before[0] ? 0 : (double) (nanos - before[0]) / (after[0] - before[0]);
                return before[1] + share * (after[1] - before[1]);
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
