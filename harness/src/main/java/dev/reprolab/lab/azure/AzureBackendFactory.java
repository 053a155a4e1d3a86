package dev.reprolab.lab.azure;

import dev.reprolab.input.BadInputException;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackendFactory;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --lab azure --lab-config FILE}. */
public final class AzureBackendFactory implements LabBackendFactory {

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public void validate(Optional<Path> config) {
        AzureConfig.load(config.orElseThrow(() -> new dev.reprolab.input.BadInputException("--lab azure needs --lab-config FILE (see README: Azure lab)")));
    }

    @Override
    public LabBackend open(Optional<Path> config) {
        return open(config, "adhoc-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    @Override
    public LabBackend open(Optional<Path> config, String runId) {
        Path file = config.orElseThrow(() -> new BadInputException("--lab azure needs --lab-config FILE (see README: Azure lab)"));
        return new AzureBackend(AzureConfig.load(file), runId);
    }
}
