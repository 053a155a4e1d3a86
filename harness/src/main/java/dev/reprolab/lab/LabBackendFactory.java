package dev.reprolab.lab;

import dev.reprolab.remote.LabException;
import java.nio.file.Path;
import java.util.Optional;

/** Creates a {@link LabBackend} from its configuration file. Registered through {@link java.util.ServiceLoader}. */
public interface LabBackendFactory {

    /** The name users select it by ({@code --lab NAME}, {@code -Dlab=NAME}). */
    String name();

    /**
     * Opens the backend. Bad configuration throws {@link dev.reprolab.cli.BadInputException} with file:line:col;
     * an unreachable lab throws {@link LabException}.
     */
    LabBackend open(Optional<Path> config);

    /**
     * Reads and checks the configuration without touching the lab (no connection, no endpoint dialled): the
     * up-front validation every command runs before it creates a run directory or opens a lab. Bad configuration
     * throws {@link dev.reprolab.cli.BadInputException} with file:line:col.
     */
    default void validate(Optional<Path> config) {
    }

    /**
     * Opens the backend for a run: cloud backends tag what they create with the run id (so a killed run's leftovers can
     * be found) and reuse what a resumed run made. Others ignore it.
     */
    default LabBackend open(Optional<Path> config, String runId) {
        return open(config);
    }
}
