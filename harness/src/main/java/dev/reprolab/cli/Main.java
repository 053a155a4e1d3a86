package dev.reprolab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lab} command. Exit codes: 0 success / every expectation held, 1 an expectation did not hold,
 * 2 bad input (nothing started), 3 infrastructure errors left a result undecided, 4 a bug in the harness (its
 * stack trace printed, then one line saying so: never reported as the lab's failure).
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "lab 0.1.0",
        description = "Repro lab harness for Windows patch-level bugs.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RunCommand.class,
                ReapCommand.class,
                ValidateCommand.class,
                BenchCommand.class,
                BisectCommand.class,
                InvestigateCommand.class,
                CompareCommand.class,
                BundleCommand.class,
                VerifyCommand.class,
                TrialCommand.class,
                SimCommand.class,
                ParseCommand.class,
                ExecCommand.class,
                DoctorCommand.class,
        })
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_EXPECTATION_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INFRA = 3;
    public static final int EXIT_BUG = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof dev.reprolab.input.BadInputException) {
                for (String line : dev.reprolab.remote.SecretMasker.mask(ex.getMessage()).split("\n")) {
                    commandLine.getErr().println("lab: " + line); // every error the validation found, one line each
                }
                return EXIT_USAGE;
            }
            if (ex instanceof dev.reprolab.trial.StepFailedException) {
                // the scenario's own step: bad input found while running, not the lab's failure and not a bug
                commandLine.getErr().println("lab: scenario error: " + dev.reprolab.remote.SecretMasker.mask(ex.getMessage()));
                return EXIT_USAGE;
            }
            if (ex instanceof dev.reprolab.remote.LabException) {
                commandLine.getErr().println("lab: infrastructure error: " + dev.reprolab.remote.SecretMasker.mask(ex.getMessage()));
                return EXIT_INFRA;
            }
            return BugReport.print(ex, commandLine.getErr());
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("lab: " + ex.getMessage());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
