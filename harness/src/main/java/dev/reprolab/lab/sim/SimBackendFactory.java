package dev.reprolab.lab.sim;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackendFactory;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --lab sim}: the simulated lab, two guests, patch behaviour from {@code vm-images/catalog.yaml} (or the given catalog). */
public final class SimBackendFactory implements LabBackendFactory {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public LabBackend open(Optional<Path> config) {
        Path catalog = config.orElse(Path.of("vm-images", "catalog.yaml"));
        return SimBackends.start(Catalog.load(catalog), 2, SimBackends.tempRoot(), false);
    }
}
