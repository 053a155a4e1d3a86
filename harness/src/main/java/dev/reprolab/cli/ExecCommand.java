package dev.reprolab.cli;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.HostShell;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab exec [--lab … --lab-config FILE] VM -- COMMAND}: one command on a lab's guest (or {@code --host}: on the
 * Hyper-V host) through the harness's own transport — the same WinRM client and deadlines a run uses — with its output
 * streamed line by line as the guest sends it and its exit code as ours.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run one command on a lab guest (or the Hyper-V host) over the harness's WinRM transport; "
                + "streams its output, exits with its exit code.")
public final class ExecCommand implements Callable<Integer> {

    @Mixin
    LabTarget target = new LabTarget();

    @Option(names = "--host", description = "run on the Hyper-V host instead of a guest (no VM argument)")
    boolean onHost;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "deadline for the command (default 30m; e.g. 90s, 10m)")
    String timeout = "30m";

    @Option(names = "--guests", description = "simulated lab only: pool size (default 2)")
    int guests = 2;

    @Option(names = "--catalog", description = "simulated lab only: patch catalog (default vm-images/catalog.yaml)")
    Path catalog = Path.of("vm-images", "catalog.yaml");

    @Parameters(paramLabel = "VM -- COMMAND", arity = "1..*",
            description = "the VM (as the lab names it), then the command line after --")
    List<String> words;

    @Override
    public Integer call() {
        Duration deadline = dev.reprolab.lab.config.Durations.parse(Path.of("--timeout"), timeout);
        List<String> command = onHost ? words : words.subList(1, words.size());
        if (command.isEmpty()) {
            throw new UsageException("no command given (lab exec VM -- COMMAND)");
        }
        String line = commandLine(command);
        try (LabBackend lab = target.open(null, java.util.Optional.empty(), guests, catalog)) {
            Guest shell;
            if (onHost) {
                if (!(lab instanceof HostShell h)) {
                    throw new UsageException("--host: the " + lab.name() + " backend has no host to run commands on");
                }
                shell = h.hostShell();
            } else {
                String vm = words.get(0);
                if (!lab.vms().contains(vm)) {
                    throw new UsageException("no VM '" + vm + "' in the " + lab.name() + " lab (have " + lab.vms() + ")");
                }
                GuestAddress a = lab.address(vm, Duration.ofMinutes(2));
                shell = new WinRmGuest(a);
            }
            PrintStream out = System.out;
            PrintStream err = System.err;
            // the output pumps of the two streams call back from their own threads
            Object console = new Object();
            CommandResult r = shell.run(line, deadline, l -> {
                synchronized (console) {
                    PrintStream to = l.stream() == Guest.Stream.STDERR ? err : out;
                    to.println(l.text());
                    to.flush();
                }
            });
            return r.exitCode();
        }
    }

    /** The words as one cmd.exe command line: a word with blanks and no quotes of its own is quoted. */
    static String commandLine(List<String> words) {
        return words.stream().map(w -> (w.contains(" ") || w.contains("\t")) && !w.contains("\"") ? "\"" + w + "\"" : w)
                .collect(Collectors.joining(" "));
    }
}
