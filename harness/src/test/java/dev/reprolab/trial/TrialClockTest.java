package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/**
 * Guest stamps on the controller's timeline: moved by the measured offset, and across a step of the guest's clock
 * each by the offset that held when it was taken (told by its arrival); the gap across the step is no poll interval.
 */
public class TrialClockTest {

    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    private static final Duration AGE = Duration.ofMinutes(47);

    private static ClockOffset offset(Duration o, Instant at) {
        return new ClockOffset(o, Duration.ofMillis(3), at);
    }

    @Test
    public void withoutAStepEveryStampMovesByTheOffset() {
        TrialClock c = new TrialClock(Optional.of(offset(AGE.negated(), T0)), Optional.of(offset(AGE.negated().plusMillis(2), T0.plusSeconds(10))));
        assertFalse(c.stepped(), c.toString());
        Instant taken = T0.plusSeconds(5);
        TrialClock.Placed p = c.place(taken.minus(AGE), taken.plusMillis(40));
        assertEquals(p.at(), taken);
        assertEquals(p.basis(), TrialClock.Basis.START_OFFSET);
        assertEquals(c.place(taken.minus(AGE)).orElseThrow(), taken);
    }

    @Test
    public void acrossAStepEachStampTakesTheOffsetThatHeldWhenItWasTaken() {
        TrialClock c = new TrialClock(Optional.of(offset(AGE.negated(), T0)), Optional.of(offset(Duration.ofMillis(1), T0.plusSeconds(10))));
        assertEquals(c.step().orElseThrow(), AGE.plusMillis(1));
        Instant before = T0.plusSeconds(2);
        Instant after = T0.plusSeconds(7);
        assertEquals(c.place(before.minus(AGE), before.plusMillis(30)), new TrialClock.Placed(before, TrialClock.Basis.START_OFFSET));
        assertEquals(c.place(after.plusMillis(1), after.plusMillis(30)), new TrialClock.Placed(after, TrialClock.Basis.END_OFFSET));
        assertEquals(c.place(before.minus(AGE)).orElseThrow(), before, "an event log entry from before the step");
        assertEquals(c.place(after.plusMillis(1)).orElseThrow(), after, "one from after it");
    }

    @Test
    public void aClockSteppedBackIsPlacedToo() {
        TrialClock c = new TrialClock(Optional.of(offset(Duration.ofSeconds(90), T0)), Optional.of(offset(Duration.ZERO, T0.plusSeconds(10))));
        Instant before = T0.plusSeconds(2);
        Instant after = T0.plusSeconds(7);
        assertEquals(c.place(before.plusSeconds(90), before.plusMillis(30)).at(), before);
        assertEquals(c.place(after, after.plusMillis(30)).at(), after);
    }

    @Test
    public void unmeasuredStampsArePlacedByArrival() {
        Instant arrival = T0.plusSeconds(3);
        assertEquals(TrialClock.UNMEASURED.place(T0.minus(AGE), arrival), new TrialClock.Placed(arrival, TrialClock.Basis.ARRIVAL));
        assertTrue(TrialClock.UNMEASURED.place(T0).isEmpty());
    }

    @Test
    public void theGapAcrossAStepIsLeftOutOfThePollInterval() {
        TrialClock c = new TrialClock(Optional.of(offset(AGE.negated(), T0)), Optional.of(offset(Duration.ZERO, T0.plusSeconds(10))));
        List<NetstatTimeline.Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant taken = T0.plusMillis(200L * i + 5);
            Instant stamp = i < 17 ? taken.minus(AGE) : taken; // time sync stepped the clock between the 17th and 18th
            snaps.add(new NetstatTimeline.Snapshot(stamp, taken.plusMillis(20), List.of()));
        }
        PollInterval p = PollInterval.of(Duration.ofMillis(200), snaps, c).orElseThrow();
        assertEquals(p.excluded(), 1);
        assertEquals(p.samples(), 38);
        assertEquals(p.max(), Duration.ofMillis(200), "the step is not an interval: " + p);
        assertEquals(p.mean(), Duration.ofMillis(200));
        assertEquals(PollInterval.of(Duration.ofMillis(200), snaps).orElseThrow().max(), AGE.plusMillis(200),
                "read on the guest's clock alone, the step is one gap of the checkpoint's age");
    }
}
