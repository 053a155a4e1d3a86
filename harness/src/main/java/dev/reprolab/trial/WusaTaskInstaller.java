package dev.reprolab.trial;

import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.LabException;
import dev.reprolab.windows.schtasks.SchtasksCsv;
import dev.reprolab.windows.schtasks.TaskView;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Installs an .msu with wusa from a one-shot scheduled task: wusa refuses inside WinRM (access denied, the Windows
 * Update Agent will not serve a network logon), the same line from a task run as SYSTEM works.
 *
 * <p>The task's end and exit code are read from {@code schtasks /query /tn X /fo csv /nh /v} by column position
 * (Last Result, the 7th column; see {@link SchtasksCsv}), not from {@code /fo list}'s "Status:" and "Last Result:"
 * lines: those names and the Status words are translated on a German or French guest, the column order and the
 * numeric Last Result are not. Last Result alone tells the state: 267011 not started yet, 267009 running, anything
 * else the exit code of the finished run. (The Schedule.Service COM object would give the same numbers, but a
 * COM call from PowerShell 2.0 needs more moving parts than one schtasks line.)
 */
public final class WusaTaskInstaller {

    private final Guest guest;
    private final String vm;
    private final Duration commandDeadline;

    public WusaTaskInstaller(Guest guest, String vm, Duration commandDeadline) {
        this.guest = guest;
        this.vm = vm;
        this.commandDeadline = commandDeadline;
    }

    /** wusa's exit code (0, 3010 reboot required, 2359302 already installed, or a failure). */
    public int install(String kb, String remoteMsu) {
        String task = "reprolab-" + kb;
        check(run("schtasks /create /tn " + task + " /tr \"wusa.exe " + remoteMsu + " /quiet /norestart\" /sc once /st 00:00 /ru SYSTEM /f"),
                "create the task for " + kb);
        check(run("schtasks /run /tn " + task), "start the task for " + kb);
        Duration limit = commandDeadline.multipliedBy(20);
        int exit = Poll.every(Duration.ofMillis(500)).until(Deadline.in(limit), d -> {
            CommandResult q = run("schtasks /query /tn " + task + " /fo csv /nh /v");
            OptionalInt last = q.exitCode() == 0 ? SchtasksCsv.lastResult(q.stdout()) : OptionalInt.empty();
            return last.isPresent() && last.getAsInt() != TaskView.HAS_NOT_RUN && last.getAsInt() != TaskView.RUNNING
                    ? Poll.Attempt.done(last.getAsInt()) : Poll.Attempt.notYet("Last Result " + (last.isPresent() ? last.getAsInt() : "unread"));
        }, (end, seen) -> new LabException(vm + ": wusa for " + kb + (end == Poll.End.INTERRUPTED ? " interrupted"
                : " did not finish within " + limit + " (" + seen + ")")));
        run("schtasks /delete /tn " + task + " /f");
        return exit;
    }

    private CommandResult run(String command) {
        return guest.run(command, commandDeadline);
    }

    private void check(CommandResult r, String what) {
        if (r.exitCode() != 0) {
            throw new LabException(vm + ": could not " + what + " (schtasks exit " + r.exitCode() + "): "
                    + (r.stderr() + r.stdout()).strip());
        }
    }
}
