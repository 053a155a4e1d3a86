package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackends;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The lab options every command that runs trials shares ({@code --lab}, {@code --lab-config}, {@code --out}). */
public final class LabOptions {

    @Option(names = "--lab", description = "lab backend: sim (default from the scenario), hyperv, azure")
    String lab;

    @Option(names = "--lab-config", paramLabel = "FILE", description = "lab config for hyperv or azure")
    Path labConfig;

    @Option(names = "--out", paramLabel = "DIR", description = "where run directories go (default: reports/runs)")
    Path out = Path.of("reports", "runs");

    /**
     * Opens the scenario's lab (or the one chosen on the command line) for the run {@code runId} (its run
     * directory's name): cloud backends tag what they make with it, and a resumed run reuses or reaps what it made.
     * There is no overload without a run: every command that opens a lab names its run. Bad choices are usage errors.
     */
    LabBackend open(Scenario s, Integer guests, String runId) {
        java.util.Objects.requireNonNull(runId, "runId");
        validate(s, guests);
        String backend = lab != null ? lab : s.lab().backend();
        Optional<Path> config = Optional.ofNullable(labConfig).or(() -> s.lab().config());
        if (backend.equals("sim")) {
            int n = guests != null ? guests : s.lab().guests();
            System.out.println("starting the simulated lab (" + n + " guests)...");
            return SimBackends.start(Catalog.load(s.updates().catalog()), n, SimBackends.tempRoot(), false);
        }
        return LabBackends.open(backend, config, runId);
    }

    /**
     * The lab half of the up-front validation: the backend exists, the options fit it, its config reads and checks
     * (file:line:col) — all before a run directory is made or anything is started or dialled.
     */
    void validate(Scenario s, Integer guests) {
        String backend = lab != null ? lab : s.lab().backend();
        Optional<Path> config = Optional.ofNullable(labConfig).or(() -> s.lab().config());
        if (guests != null && (guests < 1 || guests > 16)) {
            throw new UsageException("--guests must be between 1 and 16, got " + guests);
        }
        if (out != null && java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a directory");
        }
        if (backend.equals("sim")) {
            return;
        }
        if (!LabBackends.factories().containsKey(backend)) {
            throw new UsageException("unknown lab backend '" + backend + "' (have sim, " + LabBackends.factories().keySet() + ")");
        }
        if (config.isEmpty()) {
            throw new UsageException("--lab " + backend + " needs --lab-config FILE (or lab.config in the scenario)");
        }
        LabBackends.factories().get(backend).validate(config);
    }
}
