package dev.reprolab.sim.guest;

import java.util.List;

/**
 * A console program of the simulated 2008 R2 guest ({@code sc}, {@code netstat}, {@code wmic}, {@code dism}...).
 * The guest's cmd interpreter looks programs up by image name and runs each invocation on its own thread, so a
 * program may block (netstat with an interval, a PowerShell loop) and stream output as it goes.
 */
public interface GuestProgram {

    /** The image names it answers to, lower case, with and without {@code .exe} (e.g. {@code wmic}, {@code wmic.exe}). */
    List<String> names();

    /**
     * Runs one invocation to its end and returns the exit code. Output goes through {@link ProgramCall#out} and
     * {@link ProgramCall#err} as it is produced. Throws {@link InterruptedException} when the client signals
     * Ctrl+C or terminates the command (the guest then ends the command the way Windows does).
     */
    int run(ProgramCall call) throws InterruptedException;
}
