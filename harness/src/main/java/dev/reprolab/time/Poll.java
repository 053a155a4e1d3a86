package dev.reprolab.time;

import java.time.Duration;
import java.util.Optional;

/**
 * The one way the harness waits for a condition: ask, and if the answer is not there yet, pause and ask again, until
 * the answer comes, the deadline passes or the thread is interrupted. The pause is fixed ({@link #every}) or doubles
 * up to a cap ({@link #backoff}); it never runs past the deadline, and an attempt is always made at the deadline's
 * edge, so a condition that holds by then is seen. What the last attempt said goes into the failure, so a timeout
 * tells what was seen, not only that it took too long.
 */
public final class Poll {

    /** Why a wait ended without its answer. */
    public enum End { TIMED_OUT, INTERRUPTED }

    /** One attempt's result: its value when done, else what it saw instead. */
    public record Attempt<T>(Optional<T> value, String seen) {

        public static <T> Attempt<T> done(T value) {
            return new Attempt<>(Optional.of(value), "");
        }

        public static <T> Attempt<T> notYet(String seen) {
            return new Attempt<>(Optional.empty(), seen);
        }
    }

    /** Asks once; gets the wait's deadline (to bound its own remote call by what is left). */
    @FunctionalInterface
    public interface Step<T> {
        Attempt<T> attempt(Deadline deadline) throws InterruptedException;
    }

    /** Makes the exception a caller throws when its wait ends without an answer. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException of(End end, String lastSeen);
    }

    private final Duration first;
    private final Duration max;

    private Poll(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("pause must be positive and at most the cap: " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
    }

    /** A fixed pause between attempts. */
    public static Poll every(Duration pause) {
        return new Poll(pause, pause);
    }

    /** A pause of {@code first}, doubled after each attempt up to {@code max}. */
    public static Poll backoff(Duration first, Duration max) {
        return new Poll(first, max);
    }

    /**
     * Waits for {@code step}'s answer; throws what {@code failure} makes when the deadline passes or the thread is
     * interrupted (the interrupt flag is then set again, for the caller's caller).
     */
    public <T> T until(Deadline deadline, Step<T> step, Failure failure) {
        String[] last = {"no attempt"};
        try {
            Optional<T> v = await(deadline, step, last);
            if (v.isPresent()) {
                return v.get();
            }
            throw failure.of(End.TIMED_OUT, last[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.of(End.INTERRUPTED, last[0]);
        }
    }

    /** Waits for {@code step}'s answer; empty when the deadline passed first. */
    public <T> Optional<T> within(Deadline deadline, Step<T> step) throws InterruptedException {
        return await(deadline, step, new String[1]);
    }

    private <T> Optional<T> await(Deadline deadline, Step<T> step, String[] last) throws InterruptedException {
        Ticker ticker = deadline.ticker();
        long pause = first.toNanos();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Attempt<T> a = step.attempt(deadline);
            if (a.value().isPresent()) {
                return a.value();
            }
            last[0] = a.seen();
            long left = deadline.remaining().toNanos();
            if (left <= 0) {
                return Optional.empty();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException(); // a step that saw the interrupt (and kept the flag) ends the wait now
            }
            ticker.sleep(Math.min(pause, left));
            pause = Math.min(max.toNanos(), pause * 2 > 0 ? pause * 2 : Long.MAX_VALUE);
        }
    }
}
