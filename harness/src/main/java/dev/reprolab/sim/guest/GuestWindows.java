package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.GuestOs.EventRecord;
import dev.reprolab.sim.guest.GuestOs.FilterDriver;
import dev.reprolab.sim.guest.GuestOs.InstalledUpdate;
import dev.reprolab.sim.guest.GuestOs.ProcessInfo;
import dev.reprolab.sim.guest.GuestOs.ScheduledTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/** The Windows a guest presents to its programs: its files, updates, event logs, processes and tasks. */
final class GuestWindows {

    private final SimGuest g;

    GuestWindows(SimGuest g) {
        this.g = g;
    }

    Path file(String windowsPath) {
        String p = windowsPath.replace('/', '\\').strip();
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.length() >= 2 && p.charAt(1) == ':') {
            p = p.substring(2);
        }
        Path cur = g.disk();
        for (String seg : p.split("\\\\")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                cur = cur.equals(g.disk()) ? g.disk() : cur.getParent();
                continue;
            }
            cur = matchCase(cur, seg);
        }
        return cur;
    }

    static Path matchCase(Path dir, String segment) {
        Path exact = dir.resolve(segment);
        if (Files.exists(exact) || !Files.isDirectory(dir)) {
            return exact;
        }
        try (var s = Files.list(dir)) {
            return s.filter(c -> c.getFileName().toString().equalsIgnoreCase(segment)).findFirst().orElse(exact);
        } catch (IOException e) {
            return exact;
        }
    }

    Instant bootTime() {
        synchronized (g.lock()) {
            return g.state().bootTime;
        }
    }

    String lastBootUpTimeWmi() {
        return dev.reprolab.windows.wmi.WmiTime.format(bootTime(), 0);
    }

    List<InstalledUpdate> hotfixes() {
        synchronized (g.lock()) {
            return List.copyOf(g.state().hotfixes);
        }
    }

    List<String> installedKbs() {
        return g.state().hotfixes.stream().map(InstalledUpdate::hotFixId).toList();
    }

    boolean stageUpdate(String kb, String installedBy) {
        synchronized (g.lock()) {
            String id = kb.toUpperCase(Locale.ROOT);
            if (g.state().staged.contains(id) || g.state().hotfixes.stream().anyMatch(h -> h.hotFixId().equalsIgnoreCase(id))) {
                return false;
            }
            g.state().staged.add(id);
            return true;
        }
    }

    Set<String> stagedUpdates() {
        synchronized (g.lock()) {
            return Set.copyOf(g.state().staged);
        }
    }

    boolean rebootPending() {
        synchronized (g.lock()) {
            return !g.state().staged.isEmpty() || g.state().settings.rebootPending();
        }
    }

    Optional<String> fileVersion(String windowsPath) {
        String fileName = windowsPath.substring(windowsPath.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
        synchronized (g.lock()) {
            return g.patches().fileVersion(fileName, installedKbs());
        }
    }

    void logEvent(EventRecord e) {
        synchronized (g.lock()) {
            g.state().events.add(e);
        }
    }

    void event(String log, String source, int id, String level, String message) {
        logEvent(new EventRecord(log, source, id, level, g.clock().instant(), message));
    }

    List<EventRecord> events(String logName) {
        synchronized (g.lock()) {
            return g.state().events.stream().filter(e -> e.logName().equalsIgnoreCase(logName)).toList();
        }
    }

    List<ProcessInfo> processes() {
        synchronized (g.lock()) {
            return g.state().processes.stream().map(GuestState.Proc::info).toList();
        }
    }

    Map<String, ScheduledTask> scheduledTasks() {
        synchronized (g.lock()) {
            return g.state().tasks;
        }
    }

    /** Detached processes by pid (task runs): ended by {@link #endDetached} or when the machine goes down. */
    private final Map<Integer, Thread> detached = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Starts the command line as its own process outside any WinRM session, listed in the process table under its
     * image name while it runs; {@code onExit} gets its exit code, or {@link CmdShell#STATUS_CONTROL_C_EXIT} when it
     * was ended ({@link #endDetached}, the machine going down).
     */
    int startDetached(String commandLine, IntConsumer onExit) {
        int pid;
        GuestState.Proc proc;
        synchronized (g.lock()) {
            GuestState s = g.state();
            pid = s.newPid();
            proc = new GuestState.Proc(pid, GuestPower.pid(s, "svchost.exe"), image(commandLine), "Services", 0, 2140, commandLine);
            s.processes.add(proc);
        }
        Thread t = new Thread(() -> {
            int exit;
            try {
                exit = new CmdShell(g, false, java.io.InputStream.nullInputStream(), b -> { }, b -> { }).runLine(commandLine);
            } catch (InterruptedException e) {
                exit = CmdShell.STATUS_CONTROL_C_EXIT;
            }
            if (Thread.interrupted()) {
                exit = CmdShell.STATUS_CONTROL_C_EXIT; // ended while its program was returning
            }
            detached.remove(pid);
            synchronized (g.lock()) {
                g.state().processes.remove(proc);
            }
            onExit.accept(exit);
        }, "sim-task-" + g.name() + "-" + pid);
        t.setDaemon(true);
        detached.put(pid, t);
        t.start();
        return pid;
    }

    /** Ends a detached process as TerminateProcess would; false when it is not running. */
    boolean endDetached(int pid) {
        Thread t = detached.get(pid);
        if (t == null) {
            return false;
        }
        t.interrupt();
        return true;
    }

    /** The machine went down: no detached process survives it. */
    void endAllDetached() {
        detached.values().forEach(Thread::interrupt);
    }

    static String image(String commandLine) {
        String c = commandLine.strip();
        String exe = c.startsWith("\"") && c.indexOf('"', 1) > 0 ? c.substring(1, c.indexOf('"', 1)) : c.split("\\s+")[0];
        exe = exe.substring(exe.lastIndexOf('\\') + 1);
        return exe.toLowerCase(Locale.ROOT).endsWith(".exe") ? exe : exe + ".exe";
    }

    Map<String, String> tcpGlobalSettings() {
        return dev.reprolab.windows.netsh.TcpGlobal.windows2008R2Defaults().settings();
    }

    List<FilterDriver> filters() {
        return List.of(new FilterDriver("luafv", 1, "135000", 0), new FilterDriver("FileInfo", 3, "45000", 0));
    }
}
