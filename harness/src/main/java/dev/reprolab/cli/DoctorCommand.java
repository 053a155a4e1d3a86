package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.doctor.Doctor;
import dev.reprolab.doctor.DoctorOptions;
import dev.reprolab.doctor.Finding;
import java.util.List;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab doctor [SCENARIO] [--lab hyperv|azure --lab-config FILE] [--no-restore]}: checks every prerequisite of a
 * run on the lab, one line per check, the fix for each failure. Exit 0 a run can start, 1 something blocks it, 2 bad
 * input.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the lab's host and guests for everything a run needs; print the fix for each failure.")
public final class DoctorCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "what the run needs (default: a default run's needs)")
    Path scenarioFile;

    @Mixin
    LabTarget target = new LabTarget();

    @Option(names = "--no-restore", description = "read each VM's current state instead of restoring the base checkpoint first")
    boolean noRestore;

    @Option(names = "--guests", description = "simulated lab only: pool size (default: the scenario's, else 2)")
    Integer guests;

    @Option(names = "--catalog", description = "patch catalog when no scenario is given (default vm-images/catalog.yaml)")
    Path catalog = Path.of("vm-images", "catalog.yaml");

    @Override
    public Integer call() {
        Scenario s = scenarioFile == null ? null : ScenarioLoader.load(scenarioFile);
        DoctorOptions options = s != null ? DoctorOptions.of(s, !noRestore) : DoctorOptions.defaults(Catalog.load(catalog), !noRestore);
        int n = guests != null ? guests : s != null ? s.lab().guests() : 2;
        Path cat = s != null ? s.updates().catalog() : catalog;
        if (target.backend(s == null ? null : s.lab().backend()).equals("azure")) {
            Optional<Path> file = Optional.ofNullable(target.labConfig).or(() -> s == null ? Optional.empty() : s.lab().config());
            if (file.isPresent() && java.nio.file.Files.isRegularFile(file.get()) && !azureReady(file.get())) {
                return 1; // nothing provisioned: the pool could not be made or reached
            }
        }
        try (LabBackend lab = target.open(s == null ? null : s.lab().backend(), s == null ? Optional.empty() : s.lab().config(), n, cat)) {
            return new Doctor(lab, options, line -> {
                System.out.println(dev.reprolab.remote.SecretMasker.mask(line)); // a finding may quote a lab's error text
                System.out.flush();
            }).run();
        }
    }

    /** The subscription's checks before a pool is provisioned; false when one fails (its line says what to fix). */
    private static boolean azureReady(Path labConfig) {
        List<dev.reprolab.lab.azure.AzurePreflight.Check> checks = dev.reprolab.lab.azure.AzurePreflight.run(
                dev.reprolab.lab.azure.AzureConfig.load(labConfig));
        long fails = 0;
        long warns = 0;
        for (var c : checks) {
            Finding f = switch (c.status()) {
                case OK -> Finding.ok("azure", c.message());
                case WARN -> Finding.warn("azure", c.message(), c.fix());
                case FAIL -> Finding.fail("azure", c.message(), c.fix());
            };
            fails += c.status() == dev.reprolab.lab.azure.AzurePreflight.Status.FAIL ? 1 : 0;
            warns += c.status() == dev.reprolab.lab.azure.AzurePreflight.Status.WARN ? 1 : 0;
            System.out.println(dev.reprolab.remote.SecretMasker.mask(f.line()));
        }
        if (fails > 0) {
            System.out.println(String.format("%d ok, %d warn, %d FAIL: fix the FAIL lines before a run (no pool was provisioned)",
                    checks.size() - fails - warns, warns, fails));
        }
        System.out.flush();
        return fails == 0;
    }
}
