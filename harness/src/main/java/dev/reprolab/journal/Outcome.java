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
    /** Anything else that went wrong (slow stop still progressing, service failed to start...). */
    OTHER_FAILURE;

    /** Whether the outcome shows the bug (counts as a reproduction). */
    public boolean reproduces() {
        return this == HUNG || this == PORT_STUCK;
    }

    /** Whether the outcome counts at all (infrastructure errors do not). */
    public boolean counts() {
        return this != INFRA_ERROR;
    }
}
