package dev.reprolab.remote;

import java.time.Duration;
import java.time.Instant;

/**
 * One reading of the guest's boot: the boot time it reports, its uptime, and the controller's monotonic clock before
 * and after the reading. Whether the guest rebooted between two readings is told by its uptime, not its boot time:
 * Windows reports boot time as "now minus uptime", so when time synchronization steps the clock (a VM resumed from a
 * memory checkpoint runs on from the checkpoint's time until then) the reported boot time moves by the step although
 * nothing rebooted. Uptime keeps pace with the controller's clock unless the machine booted again.
 *
 * @param bootTime what the guest reports as its last boot (its own clock)
 * @param uptime the guest's local time minus its boot time, read in one query
 * @param readStartNanos {@link System#nanoTime()} before the query was sent
 * @param readEndNanos {@link System#nanoTime()} after its answer arrived
 */
public record BootMark(Instant bootTime, Duration uptime, long readStartNanos, long readEndNanos) {

    /**
     * Reading noise allowed beyond the two queries' round trips: WMI's times carry microseconds, so this covers the
     * clock's rate and rounding, not the round trip (measured apart). A real reboot costs tens of seconds of uptime.
     */
    static final Duration SLACK = Duration.ofSeconds(1);

    /** A mark from a boot time alone (a guest that cannot tell its uptime): uptime as seen from the controller. */
    public static BootMark ofBootTime(Instant bootTime) {
        long now = System.nanoTime();
        return new BootMark(bootTime, Duration.between(bootTime, Instant.now()), now, now);
    }

    /**
     * Whether the guest booted between this reading and {@code later}: its uptime went down, or grew by clearly less
     * than the controller's time that certainly passed between the two readings.
     */
    public boolean rebootedBy(BootMark later) {
        if (later.uptime.compareTo(uptime) < 0) {
            return true;
        }
        Duration guestElapsed = later.uptime.minus(uptime);
        Duration atLeast = Duration.ofNanos(Math.max(0, later.readStartNanos - readEndNanos));
        Duration slack = SLACK.plus(atLeast.dividedBy(50));
        return guestElapsed.plus(slack).compareTo(atLeast) < 0;
    }

    @Override
    public String toString() {
        return "booted " + bootTime + ", up " + uptime.toSeconds() + " s";
    }
}
