package dev.reprolab.journal;

/**
 * The guest's clock against the controller's, read once: guest minus controller ({@code offsetMs}, negative when the
 * guest is behind), good to {@code errorMs} (half the reading's round trip), read at {@code measuredAt} (the
 * controller's time, ISO-8601). A trial reads it at its start and its end; the two differ when time sync stepped the
 * guest's clock in between.
 */
public record ClockOffset(long offsetMs, long errorMs, String measuredAt) {
}
