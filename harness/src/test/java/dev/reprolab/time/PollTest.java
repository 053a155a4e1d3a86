package dev.reprolab.time;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.testng.annotations.Test;

/** The wait helper on a clock that moves only when it sleeps: deadlines, pauses, interrupts and messages, exactly. */
public class PollTest {

    /** Time moves only by the sleeps; every sleep is recorded. */
    static final class FakeTicker implements Ticker {
        long now = 1_000;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    static final class Failed extends RuntimeException {
        final Poll.End end;

        Failed(Poll.End end, String last) {
            super(end + ": " + last);
            this.end = end;
        }
    }

    @Test
    public void returnsTheAnswerAsSoonAsItComes() {
        FakeTicker t = new FakeTicker();
        int[] calls = {0};
        String v = Poll.every(Duration.ofMillis(500)).until(Deadline.in(Duration.ofSeconds(10), t),
                d -> ++calls[0] == 3 ? Poll.Attempt.done("up") : Poll.Attempt.notYet("down"), Failed::new);
        assertEquals(v, "up");
        assertEquals(calls[0], 3);
        assertEquals(t.sleeps, List.of(500_000_000L, 500_000_000L));
    }

    @Test
    public void neverSleepsPastTheDeadlineAndAsksOnceMoreAtItsEdge() {
        FakeTicker t = new FakeTicker();
        long start = t.now;
        List<Long> askedAt = new ArrayList<>();
        Failed f = expectThrows(Failed.class, () -> Poll.every(Duration.ofMillis(400)).until(Deadline.in(Duration.ofMillis(1000), t),
                d -> {
                    askedAt.add(t.now - start);
                    return Poll.Attempt.notYet("attempt " + askedAt.size());
                }, Failed::new));
        assertEquals(f.end, Poll.End.TIMED_OUT);
        assertEquals(askedAt, List.of(0L, 400_000_000L, 800_000_000L, 1_000_000_000L));
        assertEquals(t.now - start, 1_000_000_000L, "waited exactly the deadline");
        assertEquals(f.getMessage(), "TIMED_OUT: attempt 4", "the last attempt's observation is in the failure");
    }

    @Test
    public void backoffDoublesUpToItsCap() {
        FakeTicker t = new FakeTicker();
        Optional<String> none;
        try {
            none = Poll.backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).within(Deadline.in(Duration.ofSeconds(7), t),
                    d -> Poll.Attempt.notYet("no"));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(none.isEmpty());
        assertEquals(t.sleeps, List.of(200_000_000L, 400_000_000L, 800_000_000L, 1_600_000_000L, 2_000_000_000L, 2_000_000_000L));
    }

    @Test
    public void eachAttemptSeesWhatIsLeftOfTheWait() {
        FakeTicker t = new FakeTicker();
        List<Duration> budgets = new ArrayList<>();
        expectThrows(Failed.class, () -> Poll.every(Duration.ofSeconds(1)).until(Deadline.in(Duration.ofMillis(2500), t), d -> {
            budgets.add(d.atMost(Duration.ofSeconds(2)));
            return Poll.Attempt.notYet("");
        }, Failed::new));
        assertEquals(budgets, List.of(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ofNanos(1)));
    }

    @Test
    public void anInterruptEndsTheWaitAndStaysSet() {
        FakeTicker t = new FakeTicker();
        Failed f = expectThrows(Failed.class, () -> Poll.every(Duration.ofSeconds(1)).until(Deadline.in(Duration.ofHours(1), t), d -> {
            if (t.sleeps.size() == 2) {
                Thread.currentThread().interrupt();
            }
            return Poll.Attempt.notYet("still booting");
        }, Failed::new));
        try {
            assertEquals(f.end, Poll.End.INTERRUPTED);
            assertEquals(f.getMessage(), "INTERRUPTED: still booting");
            assertEquals(t.sleeps.size(), 2, "no attempt after the interrupt");
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void anInterruptWakesARealPause() {
        AtomicReference<Thread> waiter = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        CompletableFuture<Poll.End> ended = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            try {
                Poll.every(Duration.ofHours(1)).until(Deadline.in(Duration.ofHours(2)), d -> Poll.Attempt.notYet("x"), Failed::new);
                return null;
            } catch (Failed e) {
                flagKept.set(Thread.currentThread().isInterrupted());
                return e.end;
            }
        });
        Awaitility.await().until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);
        waiter.get().interrupt();
        assertEquals(ended.join(), Poll.End.INTERRUPTED);
        assertTrue(flagKept.get());
    }

    @Test
    public void aStepsOwnExceptionIsNotAWaitFailure() {
        FakeTicker t = new FakeTicker();
        IllegalStateException e = expectThrows(IllegalStateException.class, () -> Poll.every(Duration.ofSeconds(1))
                .until(Deadline.in(Duration.ofSeconds(5), t), d -> {
                    throw new IllegalStateException("bug");
                }, Failed::new));
        assertEquals(e.getMessage(), "bug");
        assertFalse(t.sleeps.size() > 0);
    }

    @Test
    public void deadlinesCapAndNeverGoNegative() {
        FakeTicker t = new FakeTicker();
        Deadline d = Deadline.in(Duration.ofSeconds(10), t);
        assertEquals(d.capped(Duration.ofSeconds(3)).remaining(), Duration.ofSeconds(3));
        assertEquals(d.capped(Duration.ofSeconds(30)).remaining(), Duration.ofSeconds(10));
        t.now += Duration.ofSeconds(11).toNanos();
        assertTrue(d.passed());
        assertEquals(d.remaining(), Duration.ZERO);
        assertEquals(d.left(), Duration.ofNanos(1));
        assertEquals(expectThrows(IllegalStateException.class, () -> d.leftOrThrow(() -> new IllegalStateException("gone"))).getMessage(), "gone");
        assertEquals(d.budget(), Duration.ofSeconds(10));
    }
}
