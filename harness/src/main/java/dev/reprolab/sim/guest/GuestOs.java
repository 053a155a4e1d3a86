package dev.reprolab.sim.guest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated 2008 R2 guest as its programs see it: the state the console tools read and change. Everything
 * reachable from here is part of the guest's checkpointed state (restore gives back exactly the earlier state).
 */
public interface GuestOs {

    /**
     * Called before bytes go to the guest's C: volume; throws {@link java.io.IOException} ("No space left on device")
     * while the volume is full (fault injection: {@link SimGuest#fillDisk}).
     */
    void reserveDisk(long bytes) throws java.io.IOException;

    /** The NetBIOS computer name, upper case (e.g. {@code WIN-LAB01}). */
    String computerName();

    /** The guest's wall clock (guest time, not necessarily the controller's). */
    Clock clock();

    /** Where a canonical Windows path ({@code C:\lab\x.zip}) lives on the simulator's disk (case-insensitive). */
    Path file(String windowsPath);

    /** When the OS last booted. */
    Instant bootTime();

    /** {@code Win32_OperatingSystem.LastBootUpTime} in WMI datetime form, e.g. {@code 20181024093512.500000+060}. */
    String lastBootUpTimeWmi();

    /** Committed updates in Win32_QuickFixEngineering order. */
    List<InstalledUpdate> hotfixes();

    /**
     * Stages a package (DISM /add-package, wusa): it becomes a committed hotfix at the next boot, and a reboot is
     * pending until then. Returns false when it is already installed or staged.
     */
    boolean stageUpdate(String kb, String installedBy);

    /** Updates staged and waiting for a reboot. */
    Set<String> stagedUpdates();

    /** Whether a reboot is pending (staged updates, or a pending file rename). */
    boolean rebootPending();

    /** The FileVersion resource of a file the guest knows (system drivers such as tcpip.sys, afd.sys). */
    Optional<String> fileVersion(String windowsPath);

    /** Appends to an event log ({@code System}, {@code Application}). */
    void logEvent(EventRecord event);

    /** The events of a log, oldest first. */
    List<EventRecord> events(String logName);

    /** Restarts the OS as {@code shutdown /r} does: the WinRM endpoint goes away and comes back with a new boot time. */
    void restart(String reason);

    /**
     * Bugchecks the OS (NotMyFault): writes the kernel dump as CrashControl says ({@code C:\Windows\MEMORY.DMP}),
     * logs the bugcheck at the next boot, and restarts.
     */
    void crash(long bugcheckCode, long p1, long p2, long p3, long p4);

    /** The process table, in creation order. */
    List<ProcessInfo> processes();

    /** Scheduled tasks by name; mutable, checkpointed with the rest of the state. */
    Map<String, ScheduledTask> scheduledTasks();

    /**
     * Runs a command line through the guest's cmd interpreter outside any WinRM session (as SYSTEM, the way the
     * task scheduler does), in the background. Returns the pid of the started process.
     */
    int startDetached(String commandLine, java.util.function.IntConsumer onExit);

    /** {@code netsh int tcp show global} settings, in display order (name as printed → value). */
    Map<String, String> tcpGlobalSettings();

    /** Loaded file-system minifilters as {@code fltmc} lists them. */
    List<FilterDriver> filters();

    /** A committed hotfix as Win32_QuickFixEngineering reports it. */
    record InstalledUpdate(String hotFixId, String description, String installedBy, String installedOn) {
    }

    /** An event log record. */
    record EventRecord(String logName, String source, int eventId, String level, Instant timeCreated,
                       String message) {
    }

    /** A process as tasklist sees it. */
    record ProcessInfo(int pid, int parentPid, String imageName, String sessionName, int sessionNumber,
                       long memUsageKb, String commandLine) {
    }

    /**
     * A scheduled task as {@code schtasks /create} made it. {@code lastResult} 267011 (0x41303) = has not yet run,
     * 267009 (0x41301) = running; {@code trigger} {@code ONCE} (at {@code start}) or {@code ONSTART}; {@code lastRun}
     * null until the first run; {@code runPid} the running instance's pid, 0 when none.
     */
    record ScheduledTask(String name, String commandLine, String runAs, String status, int lastResult, String trigger,
                         java.time.LocalDateTime start, Instant lastRun, boolean highest, String author, int runPid) {

        ScheduledTask running(Instant when, int pid) {
            return new ScheduledTask(name, commandLine, runAs, "Running", 267009, trigger, start, when, highest, author, pid);
        }

        ScheduledTask ended(int result) {
            return new ScheduledTask(name, commandLine, runAs, "Ready", result, trigger, start, lastRun, highest, author, 0);
        }
    }

    /** A minifilter as {@code fltmc filters} shows it. */
    record FilterDriver(String name, int instances, String altitude, int frame) {
    }
}
