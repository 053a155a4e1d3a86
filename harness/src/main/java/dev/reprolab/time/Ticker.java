package dev.reprolab.time;

import java.util.concurrent.TimeUnit;

/** The monotonic clock and the way to wait on it; tests substitute one whose sleep only moves its time on. */
public interface Ticker {

    /** Now, in nanoseconds of an arbitrary origin (only differences mean anything). */
    long nanos();

    /** Waits {@code nanos}; throws {@link InterruptedException} when the thread is interrupted. */
    void sleep(long nanos) throws InterruptedException;

    /** {@link System#nanoTime()} and a real sleep. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
