package dev.reprolab.cli;

import picocli.CommandLine.Command;

/** {@code lab bench ...}: benchmarks whose numbers go into issue notes and the README (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchBisectCommand.class, BenchCellsCommand.class, BenchPackCommand.class, BenchTransferCommand.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
