package dev.reprolab.trial;

import dev.reprolab.workload.Step;
import java.time.Duration;

/**
 * What one of the scenario's steps did on the guest.
 *
 * @param exitCode the exit code of the PowerShell process, or of the first cmd line that failed (0 when all passed)
 * @param output everything the step printed, stdout then stderr per command, as the guest wrote it
 * @param errorText the step's own words for what went wrong (its stderr, else the last lines it printed); empty on success
 * @param timedOut whether its deadline passed before it finished
 */
public record StepResult(Step step, int exitCode, String output, String errorText, Duration elapsed, boolean timedOut) {

    public boolean failed() {
        return timedOut || exitCode != 0;
    }

    /** One line for logs and reasons: {@code beforeTrial 'x' (cmd) failed: exit 1: Access is denied.}. */
    public String summary() {
        if (!failed()) {
            return step.title() + " passed in " + elapsed.toMillis() + " ms";
        }
        return step.title() + (timedOut ? " did not finish within " + step.deadline() : " failed with exit code " + exitCode)
                + (errorText.isBlank() ? "" : ": " + errorText);
    }
}
