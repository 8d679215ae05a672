package io.weir.example.internal.sequence;

import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when told to, or when the source sleeps on it. */
final class ManualTicker implements Ticker {
    private long nanos;
    private long millis;
    final List<Long> sleeps = new ArrayList<>();

    ManualTicker(long nanos, long millis) {
        this.nanos = nanos;
        this.millis = millis;
    }

    void advanceNanos(long delta) {
        nanos += delta;
        millis += delta / 1_000_000;
    }

    void advanceMillis(long delta) {
        advanceNanos(delta * 1_000_000);
    }

    long nanos() {
        return nanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(nanos);
        if (nanos > 0) {
            advanceNanos(nanos);
        }
    }
}
