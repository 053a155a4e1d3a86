package dev.reprolab.sim.guest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The guest's system time: the host's clock (possibly skewed, see {@link GuestDefect#CLOCK_SKEW}) plus an offset
 * that a memory checkpoint brings back. A VM resumed from saved memory runs on from the time it was saved, so it is
 * behind until the Hyper-V time synchronization service steps it (a few seconds after the resume); a boot starts
 * from the host's time. Windows keeps its uptime through the step, so the boot time it reports moves by the step.
 */
final class GuestClock extends Clock {

    private final Clock host;
    private volatile Duration offset = Duration.ZERO;

    GuestClock(Clock host) {
        this.host = host;
    }

    /** Runs on from {@code savedTime}: what the guest reads right after its memory is restored. */
    void resumeAt(Instant savedTime) {
        offset = Duration.between(host.instant(), savedTime);
    }

    /** Steps to the host's time; returns the step (positive when the guest was behind). */
    Duration step() {
        Duration d = offset.negated();
        offset = Duration.ZERO;
        return d;
    }

    boolean behind() {
        return !offset.isZero();
    }

    @Override
    public Instant instant() {
        return host.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return host.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the guest's clock is UTC");
    }
}
