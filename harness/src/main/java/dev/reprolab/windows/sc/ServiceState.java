package dev.reprolab.windows.sc;

import java.util.Optional;

/**
 * A service's state (SERVICE_STATUS.dwCurrentState) with the code and the word {@code sc} prints for it
 * ({@code STATE : 3  STOP_PENDING}); the constant's name is the word.
 */
public enum ServiceState {
    STOPPED(1), START_PENDING(2), STOP_PENDING(3), RUNNING(4), CONTINUE_PENDING(5), PAUSE_PENDING(6), PAUSED(7);

    private final int code;

    ServiceState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state of a SERVICE_STATE code; throws IllegalArgumentException for a code Windows does not have. */
    public static ServiceState of(int code) {
        for (ServiceState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service state code " + code);
    }

    /** The state sc's word names (exactly as sc prints it); empty for any other word. */
    public static Optional<ServiceState> named(String word) {
        for (ServiceState s : values()) {
            if (s.name().equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
