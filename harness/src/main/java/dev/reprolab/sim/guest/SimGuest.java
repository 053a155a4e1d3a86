package dev.reprolab.sim.guest;

import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.winrm.PipedCommand;
import dev.reprolab.sim.winrm.RunningCommand;
import dev.reprolab.sim.winrm.ShellBackend;
import dev.reprolab.sim.winrm.ShellRequest;
import dev.reprolab.windows.dump.KernelDumpFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated Windows Server 2008 R2 SP1 guest: a VM to its hypervisor ({@link SimVm}), a command runner behind
 * its WinRM endpoint ({@link ShellBackend}), and the OS its console programs read and change ({@link GuestOs}).
 *
 * <p>Reboots, crashes and power changes take the endpoint away through the {@link PowerListener} for the configured
 * time, and bring it back with a new boot time, staged updates committed and auto-start services started.
 */
public final class SimGuest implements SimVm, ShellBackend, GuestOs {

    private static final Logger LOG = LoggerFactory.getLogger(SimGuest.class);

    /** What the lab does when the guest's OS goes away and comes back (the WinRM endpoint follows it). */
    public interface PowerListener {
        void offline();

        void online();
    }

    private final String name;
    private final String computerName;
    private final String ipAddress;
    private final String controllerAddress;
    private final Path disk;
    private final Path checkpointRoot;
    private final Duration bootDelay;
    private final PatchEffects patches;
    private final int winrmPort;
    private final int httpPort;
    private final String httpAddress;
    private final Clock clock;
    private final Duration afdWarningAfter;
    private final Map<String, GuestProgram> programs = new HashMap<>();
    private final ScheduledExecutorService timer;
    private volatile PowerListener power = new PowerListener() {
        @Override
        public void offline() {
        }

        @Override
        public void online() {
        }
    };

    private final Object lock = new Object();
    private GuestState state = new GuestState();
    private PowerState powerState = PowerState.OFF;
    private final Map<String, Saved> checkpoints = new LinkedHashMap<>();
    private final Apache apache;
    private long generation;

    private record Saved(GuestState state, PowerState power, Path disk) {
    }

    private SimGuest(Builder b) {
        this.name = b.name;
        this.computerName = b.computerName;
        this.ipAddress = b.ipAddress;
        this.controllerAddress = b.controllerAddress;
        this.disk = b.disk;
        this.checkpointRoot = b.disk.resolveSibling(b.disk.getFileName() + "-checkpoints");
        this.bootDelay = b.bootDelay;
        this.patches = b.patches;
        this.winrmPort = b.winrmPort;
        this.httpPort = b.httpPort;
        this.httpAddress = b.httpAddress;
        this.clock = b.clock;
        this.afdWarningAfter = b.afdWarningAfter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-guest-" + b.name);
            t.setDaemon(true);
            return t;
        });
        this.apache = new Apache(this);
        for (GuestProgram p : Diagnostics.all()) {
            register(p);
        }
        for (GuestProgram p : Servicing.all()) {
            register(p);
        }
        for (GuestProgram p : CorePrograms.all()) {
            register(p);
        }
        for (GuestProgram p : SettingsPrograms.all(this::program)) {
            register(p);
        }
        for (GuestProgram p : b.programs) {
            register(p);
        }
        state.settings = b.settings != null ? b.settings : MachineSettings.provisioned(false, computerName);
        try {
            Files.createDirectories(disk);
            Files.createDirectories(checkpointRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.tcp.timing(b.enumerationBase, b.enumerationPerRow);
    }

    private void register(GuestProgram p) {
        for (String n : p.names()) {
            programs.put(n.toLowerCase(Locale.ROOT), p);
        }
    }

    public static Builder builder(String name, Path disk) {
        return new Builder(name, disk);
    }

    /** The lab's hook for the endpoint's life; set before {@link #powerOn()}. */
    public void powerListener(PowerListener listener) {
        this.power = listener;
    }

    // ---- SimVm

    @Override
    public String name() {
        return name;
    }

    @Override
    public PowerState powerState() {
        synchronized (lock) {
            return powerState;
        }
    }

    @Override
    public void powerOn() {
        synchronized (lock) {
            if (powerState != PowerState.OFF) {
                return;
            }
            powerState = PowerState.STARTING;
            long gen = ++generation;
            timer.schedule(() -> boot(gen, false), bootDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void turnOff() {
        synchronized (lock) {
            generation++;
            goDown();
            powerState = PowerState.OFF;
        }
    }

    @Override
    public void shutDown() {
        synchronized (lock) {
            generation++;
            event("System", "EventLog", 6006, "Information", "The Event log service was stopped.");
            goDown();
            powerState = PowerState.OFF;
        }
    }

    @Override
    public void checkpoint(String checkpointName) {
        synchronized (lock) {
            Path target = checkpointRoot.resolve(safe(checkpointName));
            deleteTree(target);
            copyTree(disk, target);
            checkpoints.remove(checkpointName);
            checkpoints.put(checkpointName, new Saved(state.copy(), powerState == PowerState.STARTING ? PowerState.RUNNING : powerState, target));
        }
    }

    @Override
    public List<String> checkpoints() {
        synchronized (lock) {
            return List.copyOf(checkpoints.keySet());
        }
    }

    @Override
    public void restore(String checkpointName) {
        synchronized (lock) {
            Saved saved = checkpoints.get(checkpointName);
            if (saved == null) {
                throw new IllegalArgumentException("no checkpoint named '" + checkpointName + "' for VM " + name);
            }
            generation++;
            boolean wasUp = powerState == PowerState.RUNNING;
            if (wasUp) {
                power.offline();
            }
            apache.closeAll();
            deleteTree(disk);
            copyTree(saved.disk(), disk);
            state = saved.state().copy();
            powerState = saved.power();
            if (powerState == PowerState.RUNNING) {
                apache.reopenRunning();
                power.online();
            }
        }
    }

    @Override
    public void removeCheckpoint(String checkpointName) {
        synchronized (lock) {
            Saved s = checkpoints.remove(checkpointName);
            if (s != null) {
                deleteTree(s.disk());
            }
        }
    }

    @Override
    public Optional<String> ipAddress() {
        synchronized (lock) {
            return powerState == PowerState.RUNNING ? Optional.of(ipAddress) : Optional.empty();
        }
    }

    @Override
    public int winrmPort() {
        return winrmPort;
    }

    /** The controller-side loopback port that reaches the guest's port 80. */
    private volatile boolean diskFull;

    /**
     * Fault injection: the C: volume is full ({@code true}) or has room again. While full, every write the guest's
     * programs make fails with Windows' "There is not enough space on the disk."
     */
    public void fillDisk(boolean full) {
        this.diskFull = full;
    }

    @Override
    public void reserveDisk(long bytes) throws IOException {
        if (diskFull && bytes > 0) {
            throw new IOException("No space left on device");
        }
    }

    /** The controller-side address of the forwarded port 80. */
    public String httpAddress() {
        return httpAddress;
    }

    public int httpPort() {
        return httpPort;
    }

    public String guestIp() {
        return ipAddress;
    }

    String controllerAddress() {
        return controllerAddress;
    }

    /** For tests and the lab's diagnostics: the TCP stack with its counters. */
    public TcpStack tcp() {
        synchronized (lock) {
            return state.tcp;
        }
    }

    /** The guest's optional features (ServerManager and DISM both use this one model). */
    public WindowsFeatures features() {
        synchronized (lock) {
            return state.features;
        }
    }

    // ---- boot and shutdown

    private void boot(long gen, boolean afterCrash) {
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            GuestState s = state;
            s.bootTime = clock.instant();
            for (String kb : s.staged) {
                s.hotfixes.add(new InstalledUpdate(kb, kb.equals("KB976932") ? "Service Pack" : "Security Update",
                        "NT AUTHORITY\\SYSTEM", DateTimeFormatter.ofPattern("M/d/yyyy").format(s.bootTime.atZone(ZoneOffset.UTC))));
            }
            s.staged.clear();
            s.settings.boot();
            s.processes.clear();
            s.tcp.reset();
            s.tcp.leaky(patches.leaksListenerReferences(installedKbs()));
            SystemImage.startSystemProcesses(s);
            for (int port : new int[] {135, 445, 5985, 47001}) {
                s.tcp.systemListener(port, port == 135 ? pid(s, "svchost.exe") : 4);
            }
            event("System", "EventLog", 6005, "Information", "The Event log service was started.");
            for (GuestState.Service svc : s.services.values()) {
                svc.stateCode = 1;
                svc.pid = 0;
                svc.checkpoint = 0;
                if (svc.autoStart && svc.apache) {
                    apache.start(svc);
                }
            }
            powerState = PowerState.RUNNING;
        }
        power.online();
    }

    private static int pid(GuestState s, String image) {
        return s.processes.stream().filter(p -> p.image.equalsIgnoreCase(image)).mapToInt(p -> p.pid).findFirst().orElse(4);
    }

    private void goDown() {
        power.offline();
        apache.closeAll();
        state.processes.clear();
        state.tcp.reset();
    }

    @Override
    public void restart(String reason) {
        synchronized (lock) {
            if (powerState != PowerState.RUNNING) {
                return;
            }
            long gen = ++generation;
            event("System", "USER32", 1074, "Information", "The process C:\\Windows\\system32\\shutdown.exe ("
                    + computerName + ") has initiated the restart of computer " + computerName
                    + " on behalf of user " + computerName + "\\Administrator for the following reason: " + reason);
            event("System", "EventLog", 6006, "Information", "The Event log service was stopped.");
            // the OS needs a moment to go down: commands already answered get their replies first
            timer.schedule(() -> {
                synchronized (lock) {
                    if (gen != generation) {
                        return;
                    }
                    goDown();
                    powerState = PowerState.STARTING;
                }
                timer.schedule(() -> boot(gen, false), bootDelay.toMillis(), TimeUnit.MILLISECONDS);
            }, 200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void crash(long code, long p1, long p2, long p3, long p4) {
        synchronized (lock) {
            if (powerState != PowerState.RUNNING) {
                return;
            }
            long gen = ++generation;
            Instant when = clock.instant();
            goDown();
            powerState = PowerState.STARTING;
            Path dump = file("C:\\Windows\\MEMORY.DMP");
            try {
                Files.createDirectories(dump.getParent());
                try (OutputStream out = Files.newOutputStream(dump)) {
                    long filetime = (when.getEpochSecond() + 11644473600L) * 10_000_000L;
                    KernelDumpFile.write(out, new KernelDumpFile.Spec(7601, 2, code, p1, p2, p3, p4, filetime, 2048));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            event("System", "EventLog", 6008, "Error", "The previous system shutdown at " + when + " was unexpected.");
            event("System", "BugCheck", 1001, "Error", String.format("The computer has rebooted from a bugcheck.  The bugcheck was: 0x%08x "
                    + "(0x%016x, 0x%016x, 0x%016x, 0x%016x). A dump was saved in: C:\\Windows\\MEMORY.DMP.", code, p1, p2, p3, p4));
            timer.schedule(() -> boot(gen, true), bootDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- ShellBackend

    @Override
    public RunningCommand start(ShellRequest request) {
        PipedCommand cmd = new PipedCommand();
        Thread t = new Thread(() -> {
            int exit;
            try {
                exit = new CmdShell(this, true, cmd.stdin(), cmd::writeOut, cmd::writeErr).runLine(request.commandLine());
            } catch (InterruptedException e) {
                exit = CmdShell.STATUS_CONTROL_C_EXIT;
            } catch (RuntimeException e) {
                LOG.warn("{}: command failed in the simulator: {}", name, request.commandLine(), e);
                cmd.writeErr(("The system cannot execute the specified program.\r\n").getBytes());
                exit = 1;
            }
            cmd.finish(exit);
        }, "sim-cmd-" + name);
        cmd.onSignal(s -> t.interrupt());
        t.setDaemon(true);
        t.start();
        return cmd;
    }

    GuestProgram program(String image) {
        String base = image.replace("\"", "").replace('/', '\\');
        base = base.substring(base.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
        if (base.startsWith("\"")) {
            base = base.substring(1);
        }
        GuestProgram p = programs.get(base);
        if (p == null && !base.endsWith(".exe")) {
            p = programs.get(base + ".exe");
        }
        return p;
    }

    // ---- GuestOs

    @Override
    public String computerName() {
        return computerName;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Path file(String windowsPath) {
        String p = windowsPath.replace('/', '\\').strip();
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.length() >= 2 && p.charAt(1) == ':') {
            p = p.substring(2);
        }
        Path cur = disk;
        for (String seg : p.split("\\\\")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                cur = cur.equals(disk) ? disk : cur.getParent();
                continue;
            }
            cur = matchCase(cur, seg);
        }
        return cur;
    }

    private static Path matchCase(Path dir, String segment) {
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

    @Override
    public Instant bootTime() {
        synchronized (lock) {
            return state.bootTime;
        }
    }

    @Override
    public String lastBootUpTimeWmi() {
        return dev.reprolab.remote.WmiTime.format(bootTime(), 0);
    }

    @Override
    public List<InstalledUpdate> hotfixes() {
        synchronized (lock) {
            return List.copyOf(state.hotfixes);
        }
    }

    /** Whether the installed updates leak listener references (the catalog's verdict on them). */
    boolean leaks() {
        return patches.leaksListenerReferences(installedKbs());
    }

    /** The machine configuration (registry, WinRM, firewall, page file): a live view, guarded by the guest's lock. */
    public <T> T settings(java.util.function.Function<MachineSettings, T> read) {
        synchronized (lock) {
            return read.apply(state.settings);
        }
    }

    List<String> installedKbs() {
        return state.hotfixes.stream().map(InstalledUpdate::hotFixId).toList();
    }

    @Override
    public boolean stageUpdate(String kb, String installedBy) {
        synchronized (lock) {
            String id = kb.toUpperCase(Locale.ROOT);
            if (state.staged.contains(id) || state.hotfixes.stream().anyMatch(h -> h.hotFixId().equalsIgnoreCase(id))) {
                return false;
            }
            state.staged.add(id);
            return true;
        }
    }

    @Override
    public Set<String> stagedUpdates() {
        synchronized (lock) {
            return Set.copyOf(state.staged);
        }
    }

    @Override
    public boolean rebootPending() {
        synchronized (lock) {
            return !state.staged.isEmpty() || state.settings.rebootPending();
        }
    }

    @Override
    public Optional<String> fileVersion(String windowsPath) {
        String fileName = windowsPath.substring(windowsPath.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return patches.fileVersion(fileName, installedKbs());
        }
    }

    @Override
    public void logEvent(EventRecord e) {
        synchronized (lock) {
            state.events.add(e);
        }
    }

    void event(String log, String source, int id, String level, String message) {
        logEvent(new EventRecord(log, source, id, level, clock.instant(), message));
    }

    @Override
    public List<EventRecord> events(String logName) {
        synchronized (lock) {
            return state.events.stream().filter(e -> e.logName().equalsIgnoreCase(logName)).toList();
        }
    }

    @Override
    public List<ProcessInfo> processes() {
        synchronized (lock) {
            return state.processes.stream().map(GuestState.Proc::info).toList();
        }
    }

    @Override
    public Map<String, ScheduledTask> scheduledTasks() {
        synchronized (lock) {
            return state.tasks;
        }
    }

    @Override
    public int startDetached(String commandLine, IntConsumer onExit) {
        int pid;
        synchronized (lock) {
            pid = state.newPid();
        }
        Thread t = new Thread(() -> {
            int exit;
            try {
                exit = new CmdShell(this, false, java.io.InputStream.nullInputStream(), b -> { }, b -> { }).runLine(commandLine);
            } catch (InterruptedException e) {
                exit = CmdShell.STATUS_CONTROL_C_EXIT;
            }
            onExit.accept(exit);
        }, "sim-task-" + name);
        t.setDaemon(true);
        t.start();
        return pid;
    }

    @Override
    public Map<String, String> tcpGlobalSettings() {
        return dev.reprolab.windows.netsh.TcpGlobal.windows2008R2Defaults().settings();
    }

    @Override
    public List<FilterDriver> filters() {
        return List.of(new FilterDriver("luafv", 1, "135000", 0), new FilterDriver("FileInfo", 3, "45000", 0));
    }

    // ---- internals for programs in this package

    Object lock() {
        return lock;
    }

    GuestState state() {
        return state;
    }

    Apache apache() {
        return apache;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    Duration afdWarningAfter() {
        return afdWarningAfter;
    }

    boolean running() {
        synchronized (lock) {
            return powerState == PowerState.RUNNING;
        }
    }

    /** Shuts the guest's background work down (the lab is closing). */
    public void close() {
        turnOff();
        timer.shutdownNow();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builder; defaults suit the simulated lab (short boots, loopback). */
    public static final class Builder {
        private final String name;
        private final Path disk;
        private String computerName;
        private String ipAddress = "10.0.0.5";
        private String controllerAddress = "10.0.0.1";
        private Duration bootDelay = Duration.ofSeconds(1);
        private PatchEffects patches = new PatchEffects() {
            @Override
            public boolean leaksListenerReferences(java.util.Collection<String> kbs) {
                return false;
            }

            @Override
            public Optional<String> fileVersion(String fileName, java.util.Collection<String> kbs) {
                return Optional.empty();
            }
        };
        private int winrmPort;
        private int httpPort;
        private String httpAddress = "127.0.0.1";
        private Clock clock = Clock.systemUTC();
        private Duration afdWarningAfter = Duration.ofSeconds(5);
        private Duration enumerationBase = Duration.ofMillis(2);
        private Duration enumerationPerRow = Duration.ofNanos(20_000);
        private final List<GuestProgram> programs = new ArrayList<>();
        private MachineSettings settings;

        private Builder(String name, Path disk) {
            this.name = name;
            this.disk = disk;
            this.computerName = "WIN-" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        }

        public Builder computerName(String n) {
            this.computerName = n;
            return this;
        }

        public Builder ipAddress(String ip) {
            this.ipAddress = ip;
            return this;
        }

        public Builder controllerAddress(String ip) {
            this.controllerAddress = ip;
            return this;
        }

        public Builder bootDelay(Duration d) {
            this.bootDelay = d;
            return this;
        }

        public Builder patchEffects(PatchEffects p) {
            this.patches = p;
            return this;
        }

        public Builder winrmPort(int port) {
            this.winrmPort = port;
            return this;
        }

        /** The real loopback port the guest's port 80 is served on (a port forward). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The controller-side address the guest's port 80 is reached on (default loopback 127.0.0.1). */
        public Builder httpAddress(String address) {
            this.httpAddress = address;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** How long AFD waits on a socket close before logging event 16002. */
        public Builder afdWarningAfter(Duration d) {
            this.afdWarningAfter = d;
            return this;
        }

        /** How long one connection-table enumeration holds its listener references: base + per row. */
        public Builder enumerationTiming(Duration base, Duration perRow) {
            this.enumerationBase = base;
            this.enumerationPerRow = perRow;
            return this;
        }

        public Builder programs(List<GuestProgram> extra) {
            this.programs.addAll(extra);
            return this;
        }

        /** The machine configuration the base image has (default: what the vm-images scripts leave, WinRM over HTTP). */
        public Builder settings(MachineSettings m) {
            this.settings = m;
            return this;
        }

        public SimGuest build() {
            return new SimGuest(this);
        }
    }
}
