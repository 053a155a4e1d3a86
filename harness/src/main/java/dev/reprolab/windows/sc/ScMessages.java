package dev.reprolab.windows.sc;

import java.util.Map;

/**
 * The system message texts sc prints under {@code FAILED n:} (FormatMessage of the Win32 error, en-US). Texts
 * for 1053, 1060, 1061, 1062 are as in the captures in fixtures/windows/sc; the others are the standard
 * Win32 error texts.
 */
public final class ScMessages {

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(5, "Access is denied."),
            Map.entry(1051, "A stop control has been sent to a service that other running services are dependent on."),
            Map.entry(1052, "The requested control is not valid for this service."),
            Map.entry(1053, "The service did not respond to the start or control request in a timely fashion."),
            Map.entry(1056, "An instance of the service is already running."),
            Map.entry(1058, "The service cannot be started, either because it is disabled or because it has no"
                    + " enabled devices associated with it."),
            Map.entry(1060, "The specified service does not exist as an installed service."),
            Map.entry(1061, "The service cannot accept control messages at this time."),
            Map.entry(1062, "The service has not been started."),
            Map.entry(1072, "The specified service has been marked for deletion."),
            Map.entry(1073, "The specified service already exists."));

    private ScMessages() {
    }

    /** The message for a Win32 error code; unknown codes are refused so that no invented text is printed. */
    public static String text(int error) {
        String text = TEXTS.get(error);
        if (text == null) {
            throw new IllegalArgumentException("no known sc message text for error " + error);
        }
        return text;
    }
}
