package dev.reprolab.trial;

/**
 * A step the scenario's author wrote failed where the scenario does not count that as a reproduction: the scenario is
 * wrong (or the image lacks what it needs), not the lab and not the patch level. The run stops: every further trial
 * would fail the same way. The message names the step, where it is defined ({@code file:line:col}) and the step's
 * own error text.
 */
public final class StepFailedException extends RuntimeException {

    private final transient StepResult result;

    public StepFailedException(StepResult result, String where) {
        super(result.step().definedAt() + ": step " + result.summary() + " (" + where + ")");
        this.result = result;
    }

    public StepResult result() {
        return result;
    }
}
