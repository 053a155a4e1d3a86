package dev.reprolab.trial;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * TerminateProcess (what {@code taskkill /f} calls) only starts the termination: the process object goes away once
 * its threads have run down, so a process listed right after the kill is not yet unkillable. The trial asks again for
 * a few seconds before it says so.
 */
final class Unkillable {

    /** How long a killed process may take to disappear before it counts as unkillable. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private Unkillable() {
    }

    /** Whether {@code gone} held within {@code grace}, asked every half second. */
    static boolean goneWithin(BooleanSupplier gone, Duration grace) {
        try {
            Awaitility.await("killed processes gone").atMost(grace).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(gone::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
