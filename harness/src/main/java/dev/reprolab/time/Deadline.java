package dev.reprolab.time;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A point on the monotonic clock an operation must be done by, with the budget it was given (for messages). Passed
 * down through the steps of one operation, so each step gets what is left, not a fresh budget of its own.
 */
public final class Deadline {

    private final Ticker ticker;
    private final long endNanos;
    private final Duration budget;

    private Deadline(Ticker ticker, long endNanos, Duration budget) {
        this.ticker = ticker;
        this.endNanos = endNanos;
        this.budget = budget;
    }

    /** {@code budget} from now on the system's monotonic clock. */
    public static Deadline in(Duration budget) {
        return in(budget, Ticker.SYSTEM);
    }

    public static Deadline in(Duration budget, Ticker ticker) {
        return new Deadline(ticker, ticker.nanos() + budget.toNanos(), budget);
    }

    /** The budget it was made with. */
    public Duration budget() {
        return budget;
    }

    public Ticker ticker() {
        return ticker;
    }

    /** What is left; zero once passed, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - ticker.nanos()));
    }

    public boolean passed() {
        return endNanos - ticker.nanos() <= 0;
    }

    /** What is left, but at most {@code cap} (one attempt's share of a longer wait); at least 1 ns. */
    public Duration atMost(Duration cap) {
        long left = Math.max(1, endNanos - ticker.nanos());
        return Duration.ofNanos(Math.min(left, cap.toNanos()));
    }

    /** What is left, at least 1 ns (for a step that must run even when the deadline is about to pass). */
    public Duration left() {
        return Duration.ofNanos(Math.max(1, endNanos - ticker.nanos()));
    }

    /** What is left, or the exception {@code passed} makes when nothing is. */
    public Duration leftOrThrow(Supplier<? extends RuntimeException> passed) {
        long left = endNanos - ticker.nanos();
        if (left <= 0) {
            throw passed.get();
        }
        return Duration.ofNanos(left);
    }

    /** A deadline at most {@code cap} from now and never past this one. */
    public Deadline capped(Duration cap) {
        long now = ticker.nanos();
        long end = endNanos - now > cap.toNanos() ? now + cap.toNanos() : endNanos;
        return new Deadline(ticker, end, Duration.ofNanos(Math.max(0, end - now)));
    }

    @Override
    public String toString() {
        return "deadline " + budget + " (" + remaining() + " left)";
    }
}
