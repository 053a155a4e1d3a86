package dev.reprolab.sim.guest;

import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.winrm.PipedCommand;
import dev.reprolab.sim.winrm.RunningCommand;
import dev.reprolab.sim.winrm.ShellBackend;
import dev.reprolab.sim.winrm.ShellRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    private final GuestClock clock;
    private final Duration afdWarningAfter;
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
    private final Apache apache;
    private final ServiceRuntimes runtimes;
    private final java.util.Map<Integer, Integer> forwards;
    private final ProgramTable programs;
    private final GuestPower machine;
    private final GuestWindows windows;
    private final InjectedHang injectedHang = new InjectedHang();

    SimGuest(SimGuestBuilder b) {
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
        this.clock = new GuestClock(b.clock);
        this.afdWarningAfter = b.afdWarningAfter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-guest-" + b.name);
            t.setDaemon(true);
            return t;
        });
        this.apache = new Apache(this);
        this.runtimes = new ServiceRuntimes(this);
        state.features.addListener(runtimes.iis()::featureInstalled);
        java.util.Map<Integer, Integer> f = new java.util.TreeMap<>(b.forwards);
        f.put(80, b.httpPort);
        this.forwards = java.util.Collections.unmodifiableMap(f);
        this.programs = new ProgramTable(b.programs);
        this.machine = new GuestPower(this);
        this.windows = new GuestWindows(this);
        state.settings = b.settings != null ? b.settings : MachineSettings.provisioned(false, computerName);
        try {
            Files.createDirectories(disk);
            Files.createDirectories(checkpointRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.tcp.timing(b.enumerationBase, b.enumerationPerRow);
    }

    public static SimGuestBuilder builder(String name, Path disk) {
        return new SimGuestBuilder(name, disk);
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
            return machine.state();
        }
    }

    @Override
    public void powerOn() {
        machine.powerOn();
    }

    @Override
    public void turnOff() {
        machine.turnOff();
    }

    @Override
    public void shutDown() {
        machine.shutDown();
    }

    @Override
    public void checkpoint(String checkpointName, boolean withMemory) {
        machine.checkpoint(checkpointName, withMemory);
    }

    @Override
    public List<String> checkpoints() {
        return machine.checkpoints();
    }

    @Override
    public void restore(String checkpointName) {
        machine.restore(checkpointName);
    }

    @Override
    public void removeCheckpoint(String checkpointName) {
        machine.removeCheckpoint(checkpointName);
    }

    @Override
    public void restart(String reason) {
        machine.restart(reason);
    }

    @Override
    public void crash(long code, long p1, long p2, long p3, long p4) {
        machine.crash(code, p1, p2, p3, p4);
    }

    @Override
    public Optional<String> ipAddress() {
        synchronized (lock) {
            return machine.state() == PowerState.RUNNING ? Optional.of(ipAddress) : Optional.empty();
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

    /** Guest port → the controller's loopback port that reaches it (80 and whatever the builder added). */
    public java.util.Map<Integer, Integer> forwards() {
        return forwards;
    }

    /** The loopback port that reaches a guest port, or 0 when the lab does not forward it. */
    int loopbackPort(int guestPort) {
        return forwards.getOrDefault(guestPort, 0);
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
        return programs.find(image);
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

    GuestClock guestClock() {
        return clock;
    }

    @Override
    public Path file(String windowsPath) {
        return windows.file(windowsPath);
    }

    @Override
    public Instant bootTime() {
        return windows.bootTime();
    }

    @Override
    public String lastBootUpTimeWmi() {
        return windows.lastBootUpTimeWmi();
    }

    @Override
    public List<InstalledUpdate> hotfixes() {
        return windows.hotfixes();
    }

    List<String> installedKbs() {
        return windows.installedKbs();
    }

    @Override
    public boolean stageUpdate(String kb, String installedBy) {
        return windows.stageUpdate(kb, installedBy);
    }

    @Override
    public Set<String> stagedUpdates() {
        return windows.stagedUpdates();
    }

    @Override
    public boolean rebootPending() {
        return windows.rebootPending();
    }

    @Override
    public Optional<String> fileVersion(String windowsPath) {
        return windows.fileVersion(windowsPath);
    }

    @Override
    public void logEvent(EventRecord e) {
        windows.logEvent(e);
    }

    void event(String log, String source, int id, String level, String message) {
        windows.event(log, source, id, level, message);
    }

    @Override
    public List<EventRecord> events(String logName) {
        return windows.events(logName);
    }

    @Override
    public List<ProcessInfo> processes() {
        return windows.processes();
    }

    @Override
    public Map<String, ScheduledTask> scheduledTasks() {
        return windows.scheduledTasks();
    }

    GuestWindows windows() {
        return windows;
    }

    @Override
    public int startDetached(String commandLine, IntConsumer onExit) {
        return windows.startDetached(commandLine, onExit);
    }

    @Override
    public Map<String, String> tcpGlobalSettings() {
        return windows.tcpGlobalSettings();
    }

    @Override
    public List<FilterDriver> filters() {
        return windows.filters();
    }

    // ---- internals for programs in this package

    Object lock() {
        return lock;
    }

    GuestState state() {
        return state;
    }

    /** A restored checkpoint's state replaces the live one (under the lock). */
    void state(GuestState restored) {
        this.state = restored;
    }

    PowerListener powerListener() {
        return power;
    }

    Path disk() {
        return disk;
    }

    Path checkpointRoot() {
        return checkpointRoot;
    }

    Duration bootDelay() {
        return bootDelay;
    }

    PatchEffects patches() {
        return patches;
    }

    ServiceRuntimes runtimes() {
        return runtimes;
    }

    Apache apache() {
        return apache;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * How long after a resume from saved memory time synchronization steps the clock (default a Hyper-V guest's few
     * seconds, on the sim's time scale). A guest whose time service is slow or off stays on the checkpoint's time for
     * the whole of a trial; tests set it to meet that case.
     */
    public void timeSyncAfterResume(Duration after) {
        machine.timeSyncAfterResume(after);
    }

    /** Time synchronization steps a clock left behind by a resume now (tests: a step at a chosen point of a trial). */
    public void syncTimeNow() {
        machine.syncTimeNow();
    }

    /** A hang with another cause, injectable by tests (see {@link InjectedHang}). */
    public InjectedHang injectedHang() {
        return injectedHang;
    }

    Duration afdWarningAfter() {
        return afdWarningAfter;
    }

    boolean running() {
        synchronized (lock) {
            return machine.state() == PowerState.RUNNING;
        }
    }

    /** Shuts the guest's background work down (the lab is closing). */
    public void close() {
        turnOff();
        timer.shutdownNow();
    }
}
