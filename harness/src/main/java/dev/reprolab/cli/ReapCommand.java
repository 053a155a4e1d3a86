package dev.reprolab.cli;

import dev.reprolab.lab.azure.AzureBackend;
import dev.reprolab.lab.azure.AzureConfig;
import dev.reprolab.lab.azure.AzureReaper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab reap --lab-config FILE (--run ID | --all)}: deletes what runs left in the cloud (a killed run cannot clean
 * up after itself), found by the {@code reprolab-run} tag. {@code --dry-run} lists without deleting.
 */
@Command(name = "reap", mixinStandardHelpOptions = true,
        description = "Delete the Azure resources a run left behind (found by its reprolab-run tag).")
public final class ReapCommand implements Callable<Integer> {

    @Option(names = "--lab", description = "azure (the run's cloud resources) or sim (the temporary folders of simulated-lab runs that were killed)",
            defaultValue = "azure")
    String lab;

    @Option(names = "--lab-config", paramLabel = "FILE", description = "the azure lab config (required for azure)")
    Path labConfig;

    static final class Which {
        @Option(names = "--run", paramLabel = "RUN_ID", description = "the run whose resources go (its run directory's name)")
        String run;

        @Option(names = "--all", description = "every run's resources in the subscription")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        if (lab.equals("sim")) {
            // a simulated run killed with SIGKILL leaves its guests' disks in the temp directory (no hook ran)
            java.util.List<Path> gone = dryRun ? java.util.List.of()
                    : dev.reprolab.lab.sim.SimTempDirs.reapLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
            gone.forEach(p -> System.out.println("removed " + p));
            System.out.println(gone.size() + " simulated-lab folder(s) of killed runs removed");
            return Main.EXIT_OK;
        }
        if (!lab.equals("azure")) {
            throw new UsageException("--lab " + lab + ": only the azure and sim backends leave things to reap");
        }
        if (labConfig == null) {
            throw new UsageException("--lab azure needs --lab-config FILE");
        }
        AzureConfig config = AzureConfig.load(labConfig);
        Optional<String> run = which.all ? Optional.empty() : Optional.of(which.run);
        AzureReaper reaper = AzureReaper.of(config);
        if (dryRun) {
            List<String> left = reaper.leftovers(run);
            left.forEach(id -> System.out.println("would delete " + id));
            System.out.println(left.size() + " tagged resource group(s)/resource(s) " + AzureBackend.RUN_TAG + "="
                    + run.orElse("*"));
            return 0;
        }
        List<String> gone = reaper.reap(run, config.labDeadline());
        gone.forEach(id -> System.out.println("deleted " + id));
        List<String> left = reaper.leftovers(run);
        System.out.println(gone.size() + " deleted, " + left.size() + " left with " + AzureBackend.RUN_TAG + "=" + run.orElse("*"));
        return left.isEmpty() ? 0 : Main.EXIT_INFRA;
    }
}
