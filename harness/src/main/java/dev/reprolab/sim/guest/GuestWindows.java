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

    int startDetached(String commandLine, IntConsumer onExit) {
        int pid;
        synchronized (g.lock()) {
            pid = g.state().newPid();
        }
        Thread t = new Thread(() -> {
            int exit;
            try {
                exit = new CmdShell(g, false, java.io.InputStream.nullInputStream(), b -> { }, b -> { }).runLine(commandLine);
            } catch (InterruptedException e) {
                exit = CmdShell.STATUS_CONTROL_C_EXIT;
            }
            onExit.accept(exit);
        }, "sim-task-" + g.name());
        t.setDaemon(true);
        t.start();
        return pid;
    }

    Map<String, String> tcpGlobalSettings() {
        return dev.reprolab.windows.netsh.TcpGlobal.windows2008R2Defaults().settings();
    }

    List<FilterDriver> filters() {
        return List.of(new FilterDriver("luafv", 1, "135000", 0), new FilterDriver("FileInfo", 3, "45000", 0));
    }
}
