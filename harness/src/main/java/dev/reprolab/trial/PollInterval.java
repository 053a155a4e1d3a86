package dev.reprolab.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The netstat poll interval that really ran in a trial, from the guest's own stamps of its snapshots: the gaps
 * between consecutive enumerations. The interval a scenario names is a request; a loop that sleeps after each netstat
 * runs at netstat's time plus the sleep, and a loaded guest stretches both, so 200 ms and 1 s can converge. Reports
 * show the achieved one next to the target, so a dose-response is read against the rate that was actually applied.
 *
 * <p>The gaps are read on the guest's clock (its stamps are finer than their arrival at the controller), except
 * across a step of that clock: the gap between the last snapshot before a step and the first after it is the interval
 * plus the step (an hour, after a restore of an hour-old memory checkpoint), so it is left out and counted in
 * {@code excluded}. Which side of a step a snapshot is on is what {@link TrialClock} placed it by.
 *
 * @param target   the interval the scenario asked for
 * @param samples  gaps measured (snapshots − 1 − excluded)
 * @param median   the median gap
 * @param mean     the mean gap
 * @param p95      the 95th percentile gap
 * @param max      the longest gap
 * @param excluded gaps left out because the guest's clock was stepped within them
 */
public record PollInterval(Duration target, int samples, Duration median, Duration mean, Duration p95, Duration max, int excluded) {

    public PollInterval(Duration target, int samples, Duration median, Duration mean, Duration p95, Duration max) {
        this(target, samples, median, mean, p95, max, 0);
    }

    /** The achieved interval of {@code snapshots} on a clock that was not stepped, or empty with fewer than two. */
    public static Optional<PollInterval> of(Duration target, List<NetstatTimeline.Snapshot> snapshots) {
        return of(target, snapshots, TrialClock.UNMEASURED);
    }

    /** The achieved interval of {@code snapshots}, leaving out a gap that spans a step of the guest's clock. */
    public static Optional<PollInterval> of(Duration target, List<NetstatTimeline.Snapshot> snapshots, TrialClock clock) {
        List<Long> gaps = new ArrayList<>();
        int excluded = 0;
        TrialClock.Basis previous = null;
        for (int i = 0; i < snapshots.size(); i++) {
            NetstatTimeline.Snapshot s = snapshots.get(i);
            TrialClock.Basis basis = clock.place(s.guestTime(), s.receivedAt()).basis();
            if (i > 0) {
                if (basis == previous) {
                    gaps.add(Duration.between(snapshots.get(i - 1).guestTime(), s.guestTime()).toNanos());
                } else {
                    excluded++;
                }
            }
            previous = basis;
        }
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        long sum = 0;
        for (long g : gaps) {
            sum += g;
        }
        return Optional.of(new PollInterval(target, gaps.size(), Duration.ofNanos(percentile(sorted, 0.5)),
                Duration.ofNanos(sum / gaps.size()), Duration.ofNanos(percentile(sorted, 0.95)),
                Duration.ofNanos(sorted.get(sorted.size() - 1)), excluded));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** How far the median ran over the target, as a fraction ({@code 0.5} = half as long again). */
    public double overrun() {
        return (double) median.toNanos() / target.toNanos() - 1;
    }
}
