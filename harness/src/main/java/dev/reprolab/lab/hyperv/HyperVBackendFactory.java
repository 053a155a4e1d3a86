package dev.reprolab.lab.hyperv;

import dev.reprolab.input.BadInputException;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackendFactory;
import dev.reprolab.lab.config.LabConfig;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --lab hyperv --lab-config FILE}. */
public final class HyperVBackendFactory implements LabBackendFactory {

    @Override
    public String name() {
        return "hyperv";
    }

    @Override
    public void validate(Optional<Path> config) {
        LabConfig.load(config.orElseThrow(() -> new dev.reprolab.input.BadInputException("--lab hyperv needs --lab-config FILE (see README: Hyper-V lab)")));
    }

    @Override
    public LabBackend open(Optional<Path> config) {
        Path file = config.orElseThrow(() -> new BadInputException("--lab hyperv needs --lab-config FILE (see README: Hyper-V lab)"));
        return new HyperVBackend("hyperv", LabConfig.load(file));
    }
}
