package io.weir.pipeline.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A clock in nanoseconds that moves only when told. */
public final class FakeClock implements LongSupplier {
    private long now = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return now;
    }

    public long advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
        return now;
    }
}
