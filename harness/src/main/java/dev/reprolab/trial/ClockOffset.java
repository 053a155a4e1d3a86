package dev.reprolab.trial;

import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.wmi.WmiTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the guest's clock is from the controller's: one {@code wmic os get LocalDateTime /value} bracketed by the
 * controller's clock. The guest read its time somewhere between the command's start and its answer, so the offset is
 * taken at the midpoint and is good to half the round trip ({@code error}).
 *
 * @param offset     guest minus controller (negative: the guest is behind, as after a resume from a memory checkpoint)
 * @param error      half the round trip of the reading
 * @param measuredAt the controller's time at the midpoint
 */
public record ClockOffset(Duration offset, Duration error, Instant measuredAt) {

    private static final Logger LOG = LoggerFactory.getLogger(ClockOffset.class);
    private static final Pattern LOCAL_TIME = Pattern.compile("LocalDateTime=(\\d{14}\\.\\d{6}[+-]\\d{3})");

    /** The controller's time of a guest stamp taken while this offset held. */
    public Instant toController(Instant guestTime) {
        return guestTime.minus(offset);
    }

    /**
     * Reads the offset now; empty when the guest's answer has no time in it (the trial then places guest stamps by
     * their arrival). A transport failure is the trial's and propagates.
     */
    public static Optional<ClockOffset> measure(Guest guest, Clock clock, Duration deadline) {
        Instant before = clock.instant();
        CommandResult r = guest.run("wmic os get LocalDateTime /value", deadline);
        Instant after = clock.instant();
        Matcher m = LOCAL_TIME.matcher(r.stdout());
        if (!m.find()) {
            LOG.warn("{}: no LocalDateTime in wmic's answer ({}); guest stamps are placed by arrival", guest.name(),
                    (r.stdout() + r.stderr()).strip());
            return Optional.empty();
        }
        Duration half = Duration.between(before, after).dividedBy(2);
        Instant mid = before.plus(half);
        return Optional.of(new ClockOffset(Duration.between(mid, WmiTime.parse(m.group(1))), half, mid));
    }

    @Override
    public String toString() {
        return "guest " + (offset.isNegative() ? "behind by " + offset.negated().toMillis() : "ahead by " + offset.toMillis())
                + " ms ± " + error.toMillis() + " ms at " + measuredAt;
    }
}
