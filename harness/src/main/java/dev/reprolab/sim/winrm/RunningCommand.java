package dev.reprolab.sim.winrm;

import java.time.Duration;

/** A command running behind a simulated WinRM shell. Thread-safe: the server may poll from several threads. */
public interface RunningCommand {

    /**
     * Output produced since the last call, waiting at most {@code wait} for some to arrive or for the command to
     * end. Returns an empty, not-done {@link Output} when nothing happened within the wait (the server then
     * answers the client's Receive with an OperationTimeout fault).
     */
    Output next(Duration wait) throws InterruptedException;

    /** Bytes the client sent on stdin; {@code end} closes the stream. */
    void stdin(byte[] data, boolean end);

    /** A signal from the client (terminate, ctrl_c, ctrl_break). Terminate ends the command. */
    void signal(Signal signal);

    enum Signal { TERMINATE, CTRL_C, CTRL_BREAK }

    /**
     * A slice of output.
     *
     * @param stdout bytes for stdout, in the shell's code page (never null)
     * @param stderr bytes for stderr (never null)
     * @param done whether the command has ended (then {@code exitCode} is set and no more output follows)
     * @param exitCode the exit code when done
     */
    record Output(byte[] stdout, byte[] stderr, boolean done, int exitCode) {

        public static final Output NOTHING = new Output(new byte[0], new byte[0], false, 0);

        public boolean isEmpty() {
            return stdout.length == 0 && stderr.length == 0 && !done;
        }
    }
}
