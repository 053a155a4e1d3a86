package dev.reprolab.triage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a hang is triaged on the guest with the Debugging Tools for Windows (a scenario's {@code triage:} section).
 *
 * @param enabled false: no debugger is run (the trial notes "triage unavailable: disabled in the scenario")
 * @param debuggerDirs where kd.exe / cdb.exe are looked for, in order (the Windows Kits 10 x64 Debuggers folder, then
 *                     the old Debugging Tools for Windows (x64) folder)
 * @param liveKd LiveKd's path on the guest
 * @param symbolPath the debuggers' {@code -y} (an offline lab pre-seeds {@code C:\sym})
 * @param kernelCommands for the crash dump (kd -z MEMORY.DMP); {@code %IMAGE%} stands for the hung process's image
 * @param userCommands for the user dump (cdb -z)
 * @param liveCommands for the live kernel (LiveKd running kd): the hung process's kernel stacks on every hang
 * @param modules the modules of interest the hang signature looks for first
 * @param expectSignature the scenario's bug; empty: the first signature the run sees
 * @param deadline for each debugger run
 * @param book the run's expected signature (see {@link #forRun()})
 */
public record TriageSpec(boolean enabled, List<String> debuggerDirs, String liveKd, String symbolPath,
                         String kernelCommands, String userCommands, String liveCommands, List<String> modules,
                         Optional<String> expectSignature, Duration deadline, SignatureBook book) {

    public static final List<String> DEBUGGER_DIRS = List.of("C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64",
            "C:\\Program Files\\Debugging Tools for Windows (x64)");
    public static final String LIVEKD = "C:\\tools\\livekd64.exe";
    public static final String SYMBOL_PATH = "srv*C:\\sym*https://msdl.microsoft.com/download/symbols";
    public static final String KERNEL_COMMANDS = "vertarget; .bugcheck; !analyze -v; lmvm tcpip; lmvm afd; !process 0 7 %IMAGE%; !stacks 2 afd;"
            + " !reprolab.listeners";
    public static final String USER_COMMANDS = "vertarget; !analyze -v -hang; ~*k";
    /**
     * {@code !reprolab.listeners} (tcpip's listener objects with their reference counts) is known to the simulated
     * debuggers only; a real kd prints "No export reprolab found" and the record says the count was not read.
     */
    public static final String LIVE_COMMANDS = "!process 0 7 %IMAGE%; !reprolab.listeners";
    public static final List<String> MODULES = List.of("afd", "tcpip");

    public static TriageSpec defaults() {
        return new TriageSpec(true, DEBUGGER_DIRS, LIVEKD, SYMBOL_PATH, KERNEL_COMMANDS, USER_COMMANDS, LIVE_COMMANDS,
                MODULES, Optional.empty(), Duration.ofMinutes(3), new SignatureBook(Optional.empty()));
    }

    /** The same settings with a fresh book: every run and bisect learns its own first signature. */
    public TriageSpec forRun() {
        return new TriageSpec(enabled, debuggerDirs, liveKd, symbolPath, kernelCommands, userCommands, liveCommands,
                modules, expectSignature, deadline, new SignatureBook(expectSignature));
    }

    /**
     * The signature the run counts as its bug: the scenario's, else the first one a trial of this run reported.
     * One book per run or bisect (shared by its trials, which may run on several guests at once).
     */
    public static final class SignatureBook {
        private final AtomicReference<String> expected = new AtomicReference<>();

        public SignatureBook(Optional<String> fixed) {
            fixed.ifPresent(expected::set);
        }

        /** The expected signature after {@code seen} was reported: the first one wins. */
        public String expect(String seen) {
            expected.compareAndSet(null, seen);
            return expected.get();
        }

        public Optional<String> expected() {
            return Optional.ofNullable(expected.get());
        }
    }
}
