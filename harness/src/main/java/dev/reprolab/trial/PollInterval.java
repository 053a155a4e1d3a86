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
 * @param target  the interval the scenario asked for
 * @param samples gaps measured (snapshots − 1)
 * @param median  the median gap
 * @param mean    the mean gap
 * @param p95     the 95th percentile gap
 * @param max     the longest gap
 */
public record PollInterval(Duration target, int samples, Duration median, Duration mean, Duration p95, Duration max) {

    /** The achieved interval of {@code snapshots}, or empty with fewer than two. */
    public static Optional<PollInterval> of(Duration target, List<NetstatTimeline.Snapshot> snapshots) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < snapshots.size(); i++) {
            gaps.add(Duration.between(snapshots.get(i - 1).guestTime(), snapshots.get(i).guestTime()).toNanos());
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
                Duration.ofNanos(sum / gaps.size()), Duration.ofNanos(percentile(sorted, 0.95)), Duration.ofNanos(sorted.get(sorted.size() - 1))));
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
