package dev.reprolab.cli;

/**
 * Bad input from the user (a scenario, a lab config, an option). The CLI prints the message as one line
 * (prefixed with file:line:col where the input came from a file) and exits with code 2 before starting anything.
 */
public class UsageException extends RuntimeException {

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
