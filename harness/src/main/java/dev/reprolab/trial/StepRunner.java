package dev.reprolab.trial;

import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.workload.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the scenario's steps on a guest. PowerShell steps go as {@code -EncodedCommand} (base64 of UTF-16LE: no
 * quoting problems, multi-line scripts as written); cmd steps run line by line, each line its own command, stopping at
 * the first that exits non-zero. Every step has its deadline; a step that overruns it is the step's failure, told
 * apart from a guest that stopped answering (which is the lab's) by asking the guest for its version right after.
 */
public final class StepRunner {

    private static final int MAX_ERROR_CHARS = 600;

    private final Guest guest;
    private final Duration commandDeadline;
    private final Consumer<StepResult> recorder;

    public StepRunner(Guest guest, Duration commandDeadline, Consumer<StepResult> recorder) {
        this.guest = guest;
        this.commandDeadline = commandDeadline;
        this.recorder = recorder;
    }

    /** The PowerShell 2.0 command line that runs a script. */
    public static String powershell(String script) {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return "powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand " + encoded;
    }

    /** Runs every step in order; the first failure stops the list. Results are recorded as they finish. */
    public List<StepResult> runAll(List<Step> steps, Optional<Path> evidenceDir) {
        List<StepResult> out = new java.util.ArrayList<>();
        for (Step s : steps) {
            StepResult r = run(s);
            evidenceDir.ifPresent(d -> write(d, r));
            out.add(r);
            if (r.failed()) {
                break;
            }
        }
        return out;
    }

    public StepResult run(Step step) {
        Instant start = Instant.now();
        StringBuilder output = new StringBuilder();
        int exit = 0;
        String error = "";
        boolean timedOut = false;
        List<String> commands = step.shell() == Step.Shell.POWERSHELL ? List.of(powershell(step.script()))
                : step.script().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("::")
                        && !l.toLowerCase(java.util.Locale.ROOT).startsWith("rem ")).toList();
        for (String command : commands) {
            Duration left = step.deadline().minus(Duration.between(start, Instant.now()));
            if (left.isNegative() || left.isZero()) {
                timedOut = true;
                break;
            }
            CommandResult c;
            try {
                c = guest.run(command, left);
            } catch (LabException e) {
                if (Duration.between(start, Instant.now()).compareTo(step.deadline()) < 0 || !answers()) {
                    throw e;
                }
                timedOut = true;
                break;
            }
            if (step.shell() == Step.Shell.CMD) {
                output.append("> ").append(command).append("  (exit ").append(c.exitCode()).append(")\r\n");
            }
            output.append(c.stdout()).append(c.stderr());
            if (c.exitCode() != 0) {
                exit = c.exitCode();
                error = errorText(c, step.shell() == Step.Shell.CMD ? command : null);
                break;
            }
        }
        StepResult r = new StepResult(step, exit, output.toString(), error, Duration.between(start, Instant.now()), timedOut);
        recorder.accept(r);
        return r;
    }

    private boolean answers() {
        try {
            return guest.run("ver", commandDeadline).exitCode() == 0;
        } catch (LabException e) {
            return false;
        }
    }

    /** The step's own words: stderr if it wrote any, else the last lines of stdout; one line, bounded. */
    static String errorText(CommandResult c, String cmdLine) {
        String text = c.stderr().isBlank() ? tail(c.stdout(), 3) : c.stderr();
        String oneLine = text.strip().replaceAll("\\s*\\r?\\n\\s*", " | ");
        if (oneLine.length() > MAX_ERROR_CHARS) {
            oneLine = oneLine.substring(0, MAX_ERROR_CHARS) + "...";
        }
        return (cmdLine == null ? "" : "'" + cmdLine + "': ") + oneLine;
    }

    private static String tail(String s, int lines) {
        List<String> all = s.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@code steps/<hook>-<n>.txt} in the trial's directory: the script, the exit code, the output. */
    static String write(Path dir, StepResult r) {
        String name = "steps/" + r.step().hook() + "-" + r.step().index() + ".txt";
        try {
            Files.createDirectories(dir.resolve("steps"));
            Files.writeString(dir.resolve(name), "step " + r.step().title() + " defined at " + r.step().definedAt()
                    + "\r\nexit " + r.exitCode() + (r.timedOut() ? " (deadline " + r.step().deadline() + " passed)" : "")
                    + ", " + r.elapsed().toMillis() + " ms\r\n--- script\r\n" + r.step().script() + "\r\n--- output\r\n"
                    + r.output(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }
}
