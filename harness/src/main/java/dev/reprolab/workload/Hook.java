package dev.reprolab.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where in a run a scenario's steps run. */
public enum Hook {
    /** Once per patch set on every VM that prepares it, after the workload and the updates, before the golden checkpoint. */
    PREPARE("prepare"),
    /** Every trial, on the restored golden state, before the service is started. */
    BEFORE_TRIAL("beforeTrial"),
    /** Every trial, once the workload's port is listening, before load and polling begin. */
    AFTER_START("afterStart"),
    /** Every trial, after the warmup under load, just before the stop command. */
    BEFORE_STOP("beforeStop"),
    /** Every trial, when the stop deadline has passed (or the service stopped), before anything is killed. */
    OBSERVE("observe");

    private final String key;

    Hook(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Hook> of(String key) {
        return Arrays.stream(values()).filter(h -> h.key.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }
}
