package dev.reprolab.cli;

import dev.reprolab.input.BadInputException;

/**
 * Bad input found by the CLI itself (an option, an argument). Layers below the CLI throw {@link BadInputException};
 * the CLI prints either as one line and exits with code 2 before starting anything.
 */
public class UsageException extends BadInputException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error located in a file: {@code file:line:col: message}. Lines and columns start at 1. */
    public static UsageException at(java.nio.file.Path file, int line, int column, String message) {
        return new UsageException(file + ":" + line + ":" + column + ": " + message);
    }
}
