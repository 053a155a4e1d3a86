package dev.reprolab.journal;

/** What one stop cycle showed. Infrastructure errors are never counted as either result. */
public enum Outcome {
    /** The service reached STOPPED, port closed, no httpd.exe left. */
    STOPPED_CLEANLY,
    /** The case's hang: STOP_PENDING with a stuck checkpoint, httpd.exe alive and not killable. */
    HUNG,
    /** The service stopped but its listener is still listed: the leaked reference seen from the other side. */
    PORT_STUCK,
    /** The lab or the transport failed; the trial tells nothing about the patch level. */
    INFRA_ERROR,
    /** The service did not come back after the stop (e.g. "TCP port is already in use"); reproduces when the scenario says so. */
    RESTART_FAILED,
    /** A step the scenario names in {@code reproducedWhen: step-fails} failed. */
    STEP_FAILED,
    /**
     * A hang whose signature (read from its stacks by the triage) is not the run's bug: another driver, another
     * deadlock. Shown on its own, counted as a trial where the bug did not show, never as a reproduction.
     */
    HUNG_OTHER,
    /** Anything else that went wrong (slow stop still progressing, service failed to start...). */
    OTHER_FAILURE;

    /** Whether the outcome shows the bug (counts as a reproduction). */
    public boolean reproduces() {
        // RESTART_FAILED and STEP_FAILED are only ever given when the scenario's reproducedWhen counts them
        return this == HUNG || this == PORT_STUCK || this == RESTART_FAILED || this == STEP_FAILED;
    }

    /** Whether the outcome counts at all (infrastructure errors do not). */
    public boolean counts() {
        return this != INFRA_ERROR;
    }
}
