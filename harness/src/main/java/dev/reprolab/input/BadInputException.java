package dev.reprolab.input;

import java.nio.file.Path;

/**
 * Bad input from the user: a scenario, a catalog, a lab config, a file they name, an option. Any layer that reads
 * input throws it; the CLI prints the message as one line (prefixed with {@code file:line:col} where the input came
 * from a file) and exits with code 2, before anything was started.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Every error a validation pass found, one per line in the order found (the CLI prints each as its own
     * {@code lab: ...} line); a single error is returned as it is.
     */
    public static BadInputException all(java.util.List<? extends BadInputException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        BadInputException e = new BadInputException(String.join("\n", errors.stream().map(Throwable::getMessage).toList()));
        errors.forEach(e::addSuppressed);
        return e;
    }

    /** An error located in a file: {@code file:line:col: message}. Lines and columns start at 1. */
    public static BadInputException at(Path file, int line, int column, String message) {
        return new BadInputException(file + ":" + line + ":" + column + ": " + message);
    }
}
