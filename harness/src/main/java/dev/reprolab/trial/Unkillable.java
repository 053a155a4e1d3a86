package dev.reprolab.trial;

import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import java.time.Duration;
import java.util.function.BooleanSupplier;

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
            return Poll.every(Duration.ofMillis(500)).within(Deadline.in(grace),
                    d -> gone.getAsBoolean() ? Poll.Attempt.done(true) : Poll.Attempt.notYet("still listed")).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the trial is being cancelled: not seen gone
            return false;
        }
    }
}
