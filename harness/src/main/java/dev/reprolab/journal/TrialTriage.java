package dev.reprolab.journal;

import java.util.List;

/**
 * The triage part of a hung trial's {@code trial-finished}: what the debugger runs cost in all ({@code seconds}), the
 * listener's reference numbers at dump time (null when no debugger read them) and one entry per debugger run.
 */
public record TrialTriage(double seconds, Listener listener, List<Log> logs) {

    public TrialTriage {
        logs = Events.list(logs);
    }

    /** The port-80 listener's references at dump time: {@code owner} the owning socket's, {@code leaked} nobody's. */
    public record Listener(int port, int references, int owner, int leaked) {
    }

    /**
     * One debugger run: {@code kind} live | user | kernel, its log (relative to the run directory), the signature and
     * bucket it found, or why it could not run ({@code unavailable}: "triage unavailable: ...").
     */
    public record Log(String kind, String file, String signature, String bucket, String unavailable, double seconds) {
    }
}
