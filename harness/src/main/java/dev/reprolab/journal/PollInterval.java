package dev.reprolab.journal;

/**
 * The netstat poll interval a trial really got, from the guest's stamps: the one asked for ({@code targetMs}), how
 * many gaps were measured, and their median, mean, 95th percentile and longest, in milliseconds.
 */
public record PollInterval(long targetMs, int samples, long medianMs, long meanMs, long p95Ms, long maxMs) {
}
