package dev.reprolab.lab;

import java.nio.file.Path;
import java.util.Optional;

/** Creates a {@link LabBackend} from its configuration file. Registered through {@link java.util.ServiceLoader}. */
public interface LabBackendFactory {

    /** The name users select it by ({@code --lab NAME}, {@code -Dlab=NAME}). */
    String name();

    /**
     * Opens the backend. Bad configuration throws {@link dev.reprolab.cli.UsageException} with file:line:col;
     * an unreachable lab throws {@link LabException}.
     */
    LabBackend open(Optional<Path> config);
}
