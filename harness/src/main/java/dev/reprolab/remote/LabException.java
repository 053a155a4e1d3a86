package dev.reprolab.remote;

/**
 * A lab or transport failure: the backend or the connection failed, not the system under test. Trials that end
 * in one are recorded as infrastructure errors and never counted as reproduced or clean.
 */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
