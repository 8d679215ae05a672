package io.weir.example.internal.sequence;

import java.util.concurrent.TimeUnit;

/** The clocks and the wait the sequence source uses; tests replace them with a manual clock. */
interface Ticker {

    /** @return {@link System#nanoTime()} */
    long nanoTime();

    /** @return {@link System#currentTimeMillis()} */
    long currentTimeMillis();

    /**
     * Waits for about {@code nanos}.
     *
     * @param nanos how long; nothing happens when it is not positive
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(long nanos) throws InterruptedException;

    /** The system clocks. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        }
    };
}
