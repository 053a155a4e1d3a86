package dev.reprolab.workload;

import java.time.Duration;

/**
 * One step the scenario's author wrote: a PowerShell 2.0 script or cmd lines, run on the guest with a deadline.
 *
 * @param hook where it runs ({@code prepare}, {@code beforeTrial}, ... or {@code install} for a service workload)
 * @param index its position in the hook's list, from 1
 * @param name the author's name for it, or {@code hook#index}
 * @param shell the interpreter
 * @param script the text: a PowerShell script, or cmd command lines (each line its own command, in order, stopping at
 *               the first that exits non-zero — the harness runs cmd lines one by one, so no batch variables carry over)
 * @param deadline how long the whole step may take
 * @param definedAt {@code file:line:col} of the step in the scenario, for messages
 */
public record Step(String hook, int index, String name, Shell shell, String script, Duration deadline, String definedAt) {

    public enum Shell {
        POWERSHELL, CMD;

        public String label() {
            return this == POWERSHELL ? "powershell" : "cmd";
        }
    }

    /** {@code beforeTrial 'flush dns' (cmd)}: how messages name the step. */
    public String title() {
        return hook + " '" + name + "' (" + shell.label() + ")";
    }
}
