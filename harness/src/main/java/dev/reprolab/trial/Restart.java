package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.workload.Workload;
import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts the service again after the stop (for {@code reproducedWhen: restart-fails}) and, when it does not come
 * back, keeps the reason in the service's own words: the start command's output, the newest error its event source
 * wrote to the Application log (SQL Server: "... Tcp port is already in use."), and the Service Control Manager's
 * 7000/7023/7024 events. Everything lands in the trial's {@code restart.txt}.
 */
final class Restart {

    private final Guest guest;
    private final ServiceWatch watch;
    private final Duration commandDeadline;

    Restart(Guest guest, ServiceWatch watch, Duration commandDeadline) {
        this.guest = guest;
        this.watch = watch;
        this.commandDeadline = commandDeadline;
    }

    /** Empty when the service reached RUNNING within {@code within}; else the error text it failed with. */
    Optional<String> attempt(Workload w, Duration within, Path trialDir) {
        Deadline end = Deadline.in(within);
        CommandResult start = guest.run(w.startCommand(), commandDeadline.plus(within));
        watch.log(w.startCommand(), start);
        StringBuilder log = new StringBuilder("> " + w.startCommand() + "  (exit " + start.exitCode() + ")\r\n"
                + start.stdout() + start.stderr());
        ServiceWatch.Sample[] last = new ServiceWatch.Sample[1];
        try {
            Poll.every(Duration.ofMillis(250)).within(end, d -> {
                last[0] = watch.query();
                ServiceState state = last[0].state();
                return state == ServiceState.RUNNING || state == ServiceState.STOPPED ? Poll.Attempt.done(state)
                        : Poll.Attempt.notYet(last[0].shown());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the trial is being cancelled: what was seen so far is the answer
        }
        ServiceWatch.Sample s = last[0] == null ? ServiceWatch.Sample.NONE : last[0];
        if (s.state() == ServiceState.RUNNING && start.exitCode() == 0) {
            write(trialDir, log + "\r\nservice RUNNING again\r\n");
            return Optional.empty();
        }
        CommandResult app = guest.run("wevtutil qe Application /c:5 /rd:true /f:text", commandDeadline);
        CommandResult scm = guest.run("wevtutil qe System /q:\"*[System[(EventID=7000 or EventID=7023 or EventID=7024)]]\""
                + " /f:text /c:3 /rd:true", commandDeadline);
        log.append("\r\nservice ").append(s.shown()).append(" after the restart\r\n\r\n> Application log (newest first)\r\n")
                .append(app.stdout()).append("\r\n> System log: Service Control Manager\r\n").append(scm.stdout());
        write(trialDir, log.toString());
        String state = s.shown();
        String why = newestErrorDescription(app.stdout(), w.serviceName())
                .or(() -> newestErrorDescription(scm.stdout(), null))
                .orElseGet(() -> start.exitCode() != 0 ? StopCycle.lastLine(start.stdout() + start.stderr())
                        : "the service is " + state + " after " + w.startCommand());
        return Optional.of(why);
    }

    /**
     * The description of the newest Error event in {@code wevtutil /f:text} output, from the given source if set
     * (sources are how the service names itself; SQL Server's is MSSQLSERVER, a stand-in's its service name).
     */
    static Optional<String> newestErrorDescription(String text, String source) {
        for (String event : text.split("Event\\[\\d+\\]:")) {
            List<String> lines = event.lines().toList();
            boolean error = lines.stream().anyMatch(l -> l.strip().equals("Level: Error"));
            boolean fromSource = source == null || lines.stream().anyMatch(l -> l.strip().equalsIgnoreCase("Source: " + source));
            int d = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("Description:")) {
                    d = i;
                }
            }
            if (error && fromSource && d >= 0) {
                String desc = String.join(" ", lines.subList(d + 1, lines.size())).strip();
                if (!desc.isEmpty()) {
                    return Optional.of(desc);
                }
            }
        }
        return Optional.empty();
    }

    private static void write(Path dir, String text) {
        try {
            Files.writeString(dir.resolve("restart.txt"), text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
