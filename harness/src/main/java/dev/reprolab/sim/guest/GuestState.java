package dev.reprolab.sim.guest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about a simulated guest that a checkpoint saves, apart from its disk: deep-copyable, so that restoring a
 * checkpoint gives back exactly the earlier state (services, processes, the TCP table with its reference counts,
 * updates, event log, scheduled tasks, boot time).
 */
final class GuestState {

    Instant bootTime;
    int nextPid = 2400;
    final Map<String, Service> services = new LinkedHashMap<>();
    final List<Proc> processes = new ArrayList<>();
    TcpStack tcp = new TcpStack();
    /** Installed roles and features (Web-Server...): ServerManager and DISM change the same set. */
    WindowsFeatures features = new WindowsFeatures();
    final List<GuestOs.InstalledUpdate> hotfixes = new ArrayList<>();
    final Set<String> staged = new LinkedHashSet<>();
    final List<GuestOs.EventRecord> events = new ArrayList<>();
    final Map<String, GuestOs.ScheduledTask> tasks = new LinkedHashMap<>();
    MachineSettings settings = new MachineSettings();

    /** A service as the SCM keeps it. */
    static final class Service {
        final String name;
        String displayName;
        String binaryPath;
        boolean autoStart;
        boolean apache;
        int stateCode = 1;
        long checkpoint;
        long waitHint;
        int pid;
        long win32ExitCode;

        Service(String name, String displayName, String binaryPath, boolean autoStart, boolean apache) {
            this.name = name;
            this.displayName = displayName;
            this.binaryPath = binaryPath;
            this.autoStart = autoStart;
            this.apache = apache;
        }

        Service copy() {
            Service s = new Service(name, displayName, binaryPath, autoStart, apache);
            s.stateCode = stateCode;
            s.checkpoint = checkpoint;
            s.waitHint = waitHint;
            s.pid = pid;
            s.win32ExitCode = win32ExitCode;
            return s;
        }
    }

    /** A process. {@code stuck}: a thread is blocked in the kernel (AFD); termination cannot complete. */
    static final class Proc {
        final int pid;
        final int parentPid;
        final String image;
        final String session;
        final int sessionNumber;
        final long memKb;
        final String commandLine;
        boolean stuck;
        /** The driver a stuck process's closing thread waits in ({@link InjectedHang#TCPIP} or another). */
        String stuckIn;

        Proc(int pid, int parentPid, String image, String session, int sessionNumber, long memKb, String commandLine) {
            this.pid = pid;
            this.parentPid = parentPid;
            this.image = image;
            this.session = session;
            this.sessionNumber = sessionNumber;
            this.memKb = memKb;
            this.commandLine = commandLine;
        }

        Proc copy() {
            Proc p = new Proc(pid, parentPid, image, session, sessionNumber, memKb, commandLine);
            p.stuck = stuck;
            p.stuckIn = stuckIn;
            return p;
        }

        GuestOs.ProcessInfo info() {
            return new GuestOs.ProcessInfo(pid, parentPid, image, session, sessionNumber, memKb, commandLine);
        }
    }

    GuestState copy() {
        GuestState s = new GuestState();
        s.bootTime = bootTime;
        s.nextPid = nextPid;
        services.forEach((k, v) -> s.services.put(k, v.copy()));
        processes.forEach(p -> s.processes.add(p.copy()));
        s.tcp = tcp.copy();
        s.features = features.copy();
        s.hotfixes.addAll(hotfixes);
        s.staged.addAll(staged);
        s.events.addAll(events);
        s.tasks.putAll(tasks);
        s.settings = settings.copy();
        return s;
    }

    int newPid() {
        nextPid += 4 + (nextPid % 3) * 4;
        return nextPid;
    }

    Proc process(int pid) {
        return processes.stream().filter(p -> p.pid == pid).findFirst().orElse(null);
    }
}
