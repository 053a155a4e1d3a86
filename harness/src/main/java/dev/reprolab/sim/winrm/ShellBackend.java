package dev.reprolab.sim.winrm;

/**
 * What sits behind a simulated WinRM endpoint: the machine that runs the commands (a simulated 2008 R2 guest, the
 * simulated Hyper-V host). The WS-Man server owns the protocol (envelopes, shells, long-polling, envelope size,
 * faults); the backend owns what a command does and prints.
 */
public interface ShellBackend {

    /**
     * Starts a command as WinRM received it. Called once per {@code shell/Command}. Must not block for long: the
     * command's work happens as the server polls {@link RunningCommand#next}.
     */
    RunningCommand start(ShellRequest request);
}
