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

    /**
     * Every error a validation pass found, one per line in the order found (the CLI prints each as its own
     * {@code lab: ...} line); a single error is returned as it is.
     */
    public static UsageException all(java.util.List<? extends UsageException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        UsageException e = new UsageException(String.join("\n", errors.stream().map(Throwable::getMessage).toList()));
        errors.forEach(e::addSuppressed);
        return e;
    }

    /** An error located in a file: {@code file:line:col: message}. Lines and columns start at 1. */
    public static UsageException at(java.nio.file.Path file, int line, int column, String message) {
        return new UsageException(file + ":" + line + ":" + column + ": " + message);
    }
}
