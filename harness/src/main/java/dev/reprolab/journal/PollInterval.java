package dev.reprolab.journal;

/**
 * The netstat poll interval a trial really got, from the guest's stamps: the one asked for ({@code targetMs}), how
 * many gaps were measured, and their median, mean, 95th percentile and longest, in milliseconds; {@code excluded}
 * gaps spanned a step of the guest's clock and were left out (0 in older journals).
 */
public record PollInterval(long targetMs, int samples, long medianMs, long meanMs, long p95Ms, long maxMs, int excluded) {

    public PollInterval(long targetMs, int samples, long medianMs, long meanMs, long p95Ms, long maxMs) {
        this(targetMs, samples, medianMs, meanMs, p95Ms, maxMs, 0);
    }
}
