package dev.reprolab.lab;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Backends by name. Each backend module provides a {@link LabBackendFactory} through {@link ServiceLoader}
 * ({@code META-INF/services/dev.reprolab.lab.LabBackendFactory}), so adding a backend touches no switch here.
 */
public final class LabBackends {

    private LabBackends() {
    }

    /** All registered factories, by name. */
    public static Map<String, LabBackendFactory> factories() {
        Map<String, LabBackendFactory> byName = new TreeMap<>();
        for (LabBackendFactory factory : ServiceLoader.load(LabBackendFactory.class)) {
            byName.put(factory.name(), factory);
        }
        return byName;
    }

    /** Opens the named backend with its configuration file (may be empty for {@code sim}). */
    public static LabBackend open(String name, Optional<Path> config) {
        return open(name, config, null);
    }

    /** Opens the named backend for a run ({@code runId} may be null: the backend names the session itself). */
    public static LabBackend open(String name, Optional<Path> config, String runId) {
        LabBackendFactory factory = factories().get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown lab backend '" + name + "' (known: "
                    + String.join(", ", factories().keySet()) + ")");
        }
        return runId == null ? factory.open(config) : factory.open(config, runId);
    }
}
