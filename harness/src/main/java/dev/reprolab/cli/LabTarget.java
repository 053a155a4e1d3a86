package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackends;
import dev.reprolab.lab.sim.SimBackends;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --lab} / {@code --lab-config} for commands that reach a lab without a scenario ({@code lab exec},
 * {@code lab doctor}): the simulated lab unless told otherwise.
 */
public final class LabTarget {

    @Option(names = "--lab", paramLabel = "BACKEND", description = "lab backend: sim (default), hyperv, azure")
    String lab;

    @Option(names = "--lab-config", paramLabel = "FILE", description = "lab config for hyperv or azure")
    Path labConfig;

    /** The backend chosen on the command line, else {@code fallback} (a scenario's), else sim. */
    String backend(String fallback) {
        return lab != null ? lab : fallback != null ? fallback : "sim";
    }

    /**
     * Opens the lab. The simulated lab starts in-process with {@code guests} guests and the catalog's patch behaviour;
     * others need their config file. Unknown names and missing files are usage errors (nothing started).
     */
    LabBackend open(String fallbackBackend, Optional<Path> fallbackConfig, int guests, Path catalog) {
        String backend = backend(fallbackBackend);
        Optional<Path> config = Optional.ofNullable(labConfig).or(() -> fallbackConfig);
        if (backend.equals("sim")) {
            return SimBackends.start(Catalog.load(catalog), guests, SimBackends.tempRoot(), false);
        }
        if (!LabBackends.factories().containsKey(backend)) {
            throw new UsageException("unknown lab backend '" + backend + "' (have " + LabBackends.factories().keySet() + ")");
        }
        Path file = config.orElseThrow(() -> new UsageException("--lab " + backend + " needs --lab-config FILE"));
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UsageException(file + ": no such lab config");
        }
        return LabBackends.open(backend, Optional.of(file));
    }
}
