package dev.reprolab.trial;

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

    /** One {@code sc queryex} answer: the state name, its checkpoint and the service's pid (0 when stopped). */
    record Sample(String state, long checkpoint, int pid) {
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
            return new Sample("UNKNOWN", -1, 0);
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
                if ("STOP_PENDING".equals(s.state())) {
                    checkpoints.add(s.checkpoint());
                }
                return "STOPPED".equals(s.state()) ? Poll.Attempt.done(s) : Poll.Attempt.notYet(s.state());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the trial is being cancelled: its caller sees the flag
        }
        return last[0];
    }
}
