package dev.reprolab.trial;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a trial's guest-stamped events (netstat snapshots, event log entries, ProcDump's times) on the controller's
 * timeline, where the trial's own steps (start, the stop command, the deadline) are. The guest's clock is not the
 * controller's: a VM resumed from a memory checkpoint runs on from the checkpoint's time until time synchronization
 * steps it, so its stamps can be behind by the checkpoint's age. The offset is measured at the trial's start and again
 * at its end; when the two agree, every stamp is moved by it. When they differ the clock was stepped in between, and a
 * stamp is placed with whichever offset puts it latest but not after it arrived at the controller (a snapshot cannot
 * be taken after it was received; with the offset from before a step, a snapshot taken after it lands in the future,
 * with the offset from after it, one taken before lands too early). A stamp that fits neither is placed at its
 * arrival.
 */
public record TrialClock(Optional<ClockOffset> start, Optional<ClockOffset> end) {

    /** Windows' system time advances in 15.6 ms ticks: two readings of one clock can differ by that much. */
    static final Duration TICK = Duration.ofMillis(16);

    /** No measurement: every stamp is placed at its arrival. */
    public static final TrialClock UNMEASURED = new TrialClock(Optional.empty(), Optional.empty());

    /** Where a guest stamp lands: the controller's instant, and which offset put it there. */
    public record Placed(Instant at, Basis basis) {
    }

    /** What placed a stamp: the offset at the start, the one at the end, or the arrival time. */
    public enum Basis { START_OFFSET, END_OFFSET, ARRIVAL }

    /** Whether the guest's clock was stepped between the two measurements (by more than they can tell apart). */
    public boolean stepped() {
        return step().isPresent();
    }

    /** The step the guest's clock took during the trial, if it took one. */
    public Optional<Duration> step() {
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        Duration d = end.get().offset().minus(start.get().offset());
        Duration noise = start.get().error().plus(end.get().error()).plus(TICK);
        return d.abs().compareTo(noise) > 0 ? Optional.of(d) : Optional.empty();
    }

    /** Places a stamp that came with its arrival time at the controller. */
    public Placed place(Instant guestTime, Instant arrival) {
        Instant bestAt = null;
        Basis basis = Basis.ARRIVAL;
        for (Candidate c : candidates()) {
            Instant at = c.offset().toController(guestTime);
            if (!at.isAfter(arrival.plus(c.offset().error()).plus(TICK)) && (bestAt == null || at.isAfter(bestAt))) {
                bestAt = at;
                basis = c.basis();
            }
        }
        // within the reading's error of the arrival: at the arrival, never after it
        return bestAt == null ? new Placed(arrival, Basis.ARRIVAL) : new Placed(bestAt.isAfter(arrival) ? arrival : bestAt, basis);
    }

    /**
     * Places a stamp that came without an arrival time (an event log entry read at the end): with the one offset when
     * the clock was not stepped; across a step, with the offset that puts it inside the trial (the start offset when
     * both do, a step being rarely right at the start), else with the end offset.
     */
    public Optional<Instant> place(Instant guestTime) {
        List<Candidate> cs = candidates();
        if (cs.isEmpty()) {
            return Optional.empty();
        }
        if (cs.size() == 1) {
            return Optional.of(cs.get(0).offset().toController(guestTime));
        }
        Instant from = start.get().measuredAt().minus(start.get().error());
        Instant to = end.get().measuredAt().plus(end.get().error());
        for (Candidate c : cs) {
            Instant at = c.offset().toController(guestTime);
            if (!at.isBefore(from) && !at.isAfter(to)) {
                return Optional.of(at);
            }
        }
        return Optional.of(end.get().toController(guestTime));
    }

    private record Candidate(ClockOffset offset, Basis basis) {
    }

    /** The offsets that can have held: one when the clock was not stepped (the start's, else the end's), else both. */
    private List<Candidate> candidates() {
        List<Candidate> cs = new ArrayList<>();
        if (stepped()) {
            cs.add(new Candidate(start.get(), Basis.START_OFFSET));
            cs.add(new Candidate(end.get(), Basis.END_OFFSET));
        } else if (start.isPresent()) {
            cs.add(new Candidate(start.get(), Basis.START_OFFSET));
        } else {
            end.ifPresent(e -> cs.add(new Candidate(e, Basis.END_OFFSET)));
        }
        return cs;
    }

    @Override
    public String toString() {
        return "clock at start: " + start.map(Object::toString).orElse("not measured") + "; at end: "
                + end.map(Object::toString).orElse("not measured") + step().map(s -> "; stepped by " + s.toMillis() + " ms").orElse("");
    }
}
