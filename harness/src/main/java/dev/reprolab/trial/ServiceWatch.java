package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.sc.ScParser;
import dev.reprolab.windows.sc.ServiceStatus;
import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Watches a service through {@code sc queryex}, logging every query and answer to the trial's {@code sc.log} — the
 * record a support engineer reads first.
 */
final class ServiceWatch {

    private final Guest guest;
    private final String service;
    private final Duration commandDeadline;
    private final Path log;
    private final Clock clock;

    ServiceWatch(Guest guest, String service, Duration commandDeadline, Path log, Clock clock) {
        this.guest = guest;
        this.service = service;
        this.commandDeadline = commandDeadline;
        this.log = log;
        this.clock = clock;
    }

    /**
     * One {@code sc queryex} answer: the state (null when sc showed no status: the service is not there), its
     * checkpoint and the service's pid (0 when stopped).
     */
    record Sample(ServiceState state, long checkpoint, int pid) {

        /** No status seen. */
        static final Sample NONE = new Sample(null, -1, 0);

        /** The state's word, UNKNOWN when there was none (as the logs have always said). */
        String shown() {
            return state == null ? "UNKNOWN" : state.name();
        }
    }

    void log(String command, CommandResult result) {
        StopCycle.append(log, "[" + clock.instant() + "] > " + command + "  (exit " + result.exitCode() + ", "
                + result.elapsed().toMillis() + " ms)\r\n" + result.stdout() + result.stderr());
    }

    Sample query() {
        String command = "sc queryex " + service;
        CommandResult r = guest.run(command, commandDeadline);
        log(command, r);
        List<ServiceStatus> statuses = ScParser.parse(r.stdout()).stream()
                .filter(ServiceStatus.class::isInstance).map(ServiceStatus.class::cast).toList();
        if (statuses.isEmpty()) {
            return Sample.NONE;
        }
        ServiceStatus s = statuses.get(0);
        return new Sample(s.state(), s.checkpoint(), s.pid() == null ? 0 : s.pid());
    }

    /**
     * Samples until the service is STOPPED or the deadline passes, appending every CHECKPOINT value seen while
     * STOP_PENDING to {@code checkpoints}; returns the last sample. Sampling is paced, not a sleep standing in for
     * a wait: the condition is re-checked at every sample and the loop ends as soon as it holds.
     */
    Sample untilStoppedOr(Duration deadline, Duration every, List<Long> checkpoints) {
        Sample[] last = new Sample[1];
        try {
            Poll.every(every).within(Deadline.in(deadline), d -> {
                Sample s = query();
                last[0] = s;
                if (s.state() == ServiceState.STOP_PENDING) {
                    checkpoints.add(s.checkpoint());
                }
                return s.state() == ServiceState.STOPPED ? Poll.Attempt.done(s) : Poll.Attempt.notYet(s.shown());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the trial is being cancelled: its caller sees the flag
        }
        return last[0] == null ? Sample.NONE : last[0];
    }
}
