package dev.reprolab.sim.guest;

import dev.reprolab.sim.SimVm.PowerState;
import dev.reprolab.sim.guest.GuestOs.InstalledUpdate;
import dev.reprolab.windows.dump.KernelDumpFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The guest as a machine: power, boots (committing staged updates, starting auto-start services), restarts, bug
 * checks and checkpoints. Every change happens under the guest's lock; a generation number makes a scheduled boot
 * that was overtaken by a power change do nothing.
 */
final class GuestPower {

    private final SimGuest g;
    private PowerState powerState = PowerState.OFF;
    private final Map<String, Saved> checkpoints = new LinkedHashMap<>();
    private long generation;

    private record Saved(GuestState state, PowerState power, Path disk, boolean memory, Instant guestTime) {
    }

    /** How long after a resume from saved memory the time synchronization service steps the clock (a real VM's). */
    static final Duration TIME_SYNC_AFTER_RESUME = Duration.ofSeconds(5);
    /** This guest's delay of the step after a resume; null: {@link #TIME_SYNC_AFTER_RESUME} on the sim's time scale. */
    private volatile Duration timeSyncAfter;
    /** The guest time a SAVED VM resumes from. */
    private Instant savedGuestTime;

    GuestPower(SimGuest g) {
        this.g = g;
    }

    PowerState state() {
        return powerState;
    }

    void powerOn() {
        synchronized (g.lock()) {
            if (powerState == PowerState.SAVED) {
                // resume from the saved memory: no boot, the machine carries on where the checkpoint left it
                powerState = PowerState.STARTING;
                long gen = ++generation;
                g.timer().schedule(() -> resume(gen), Math.max(50, g.bootDelay().toMillis() / 5), TimeUnit.MILLISECONDS);
                return;
            }
            if (powerState != PowerState.OFF) {
                return;
            }
            powerState = PowerState.STARTING;
            long gen = ++generation;
            g.timer().schedule(() -> boot(gen, false), g.bootDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void turnOff() {
        synchronized (g.lock()) {
            generation++;
            goDown();
            powerState = PowerState.OFF;
        }
    }

    void shutDown() {
        synchronized (g.lock()) {
            generation++;
            g.event("System", "EventLog", 6006, "Information", "The Event log service was stopped.");
            goDown();
            powerState = PowerState.OFF;
        }
    }

    private void resume(long gen) {
        synchronized (g.lock()) {
            if (gen != generation) {
                return;
            }
            powerState = PowerState.RUNNING;
            resumeClock(savedGuestTime == null ? g.clock().instant() : savedGuestTime);
            g.runtimes().reopenRunning();
        }
        g.powerListener().online();
    }

    /** The clock runs on from the saved time until time sync steps it; Windows keeps its uptime, so boot time moves. */
    private void resumeClock(Instant savedTime) {
        g.guestClock().resumeAt(savedTime);
        long gen = generation;
        Duration configured = timeSyncAfter;
        long after = configured != null ? configured.toMillis()
                : Math.max(1000, dev.reprolab.sim.SimTime.scaled(TIME_SYNC_AFTER_RESUME).toMillis());
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (gen == generation) {
                    syncTimeNow();
                }
            }
        }, after, TimeUnit.MILLISECONDS);
    }

    /** The time service's step of a clock left behind by a resume: Windows keeps its uptime, so boot time moves. */
    void syncTimeNow() {
        synchronized (g.lock()) {
            if (powerState != PowerState.RUNNING || !g.guestClock().behind()) {
                return;
            }
            Instant before = g.clock().instant();
            Duration step = g.guestClock().step();
            g.state().bootTime = g.state().bootTime.plus(step);
            g.event("System", "Microsoft-Windows-Kernel-General", 1, "Information", "The system time has changed to "
                    + g.clock().instant() + " from " + before + ".");
        }
    }

    void timeSyncAfterResume(Duration after) {
        timeSyncAfter = after;
    }

    void checkpoint(String checkpointName, boolean withMemory) {
        synchronized (g.lock()) {
            Path target = g.checkpointRoot().resolve(DiskTree.safe(checkpointName));
            DiskTree.deleteTree(target);
            DiskTree.copyTree(g.disk(), target);
            checkpoints.remove(checkpointName);
            checkpoints.put(checkpointName, new Saved(g.state().copy(), powerState == PowerState.STARTING ? PowerState.RUNNING : powerState,
                    target, withMemory, g.clock().instant()));
        }
    }

    List<String> checkpoints() {
        synchronized (g.lock()) {
            return List.copyOf(checkpoints.keySet());
        }
    }

    void restore(String checkpointName) {
        synchronized (g.lock()) {
            Saved saved = checkpoints.get(checkpointName);
            if (saved == null) {
                throw new IllegalArgumentException("no checkpoint named '" + checkpointName + "' for VM " + g.name());
            }
            generation++;
            boolean wasUp = powerState == PowerState.RUNNING;
            if (wasUp) {
                g.powerListener().offline();
            }
            g.runtimes().closeAll();
            DiskTree.deleteTree(g.disk());
            DiskTree.copyTree(saved.disk(), g.disk());
            g.state(saved.state().copy());
            if (!saved.memory() || saved.power() != PowerState.RUNNING) {
                // disks only (a Production checkpoint) or a VM that was off: nothing runs until it is started
                powerState = PowerState.OFF;
                g.state().processes.clear();
                g.state().tcp.reset();
            } else if (wasUp) {
                // Restore-VMSnapshot resumes a running VM from the checkpoint's memory, clock included
                powerState = PowerState.RUNNING;
                resumeClock(saved.guestTime());
                g.runtimes().reopenRunning();
                g.powerListener().online();
            } else {
                powerState = PowerState.SAVED;
                savedGuestTime = saved.guestTime();
            }
        }
    }

    void removeCheckpoint(String checkpointName) {
        synchronized (g.lock()) {
            Saved s = checkpoints.remove(checkpointName);
            if (s != null) {
                DiskTree.deleteTree(s.disk());
            }
        }
    }

    // ---- boot and shutdown

    void boot(long gen, boolean afterCrash) {
        synchronized (g.lock()) {
            if (gen != generation) {
                return;
            }
            GuestState s = g.state();
            // a boot reads the host's time (the VM's virtual RTC)
            g.guestClock().step();
            s.bootTime = g.clock().instant();
            for (String kb : s.staged) {
                s.hotfixes.add(new InstalledUpdate(kb, kb.equals("KB976932") ? "Service Pack" : "Security Update",
                        "NT AUTHORITY\\SYSTEM", DateTimeFormatter.ofPattern("M/d/yyyy").format(s.bootTime.atZone(ZoneOffset.UTC))));
            }
            s.staged.clear();
            s.settings.boot();
            s.processes.clear();
            s.tcp.reset();
            s.tcp.leaky(g.patches().leaksListenerReferences(g.installedKbs()));
            SystemImage.startSystemProcesses(s);
            for (int port : new int[] {135, 445, 5985, 47001}) {
                s.tcp.systemListener(port, port == 135 ? pid(s, "svchost.exe") : 4);
            }
            g.event("System", "EventLog", 6005, "Information", "The Event log service was started.");
            for (GuestState.Service svc : s.services.values()) {
                svc.stateCode = 1;
                svc.pid = 0;
                svc.checkpoint = 0;
                if (svc.autoStart && svc.stateCode == 1 && g.runtimes().of(svc) != null) {
                    g.runtimes().start(svc);
                }
            }
            powerState = PowerState.RUNNING;
        }
        g.powerListener().online();
        TaskScheduler.atBoot(g);
    }

    static int pid(GuestState s, String image) {
        return s.processes.stream().filter(p -> p.image.equalsIgnoreCase(image)).mapToInt(p -> p.pid).findFirst().orElse(4);
    }

    void goDown() {
        g.powerListener().offline();
        g.windows().endAllDetached();
        g.runtimes().closeAll();
        g.state().processes.clear();
        g.state().tcp.reset();
    }

    void restart(String reason) {
        synchronized (g.lock()) {
            if (powerState != PowerState.RUNNING) {
                return;
            }
            long gen = ++generation;
            g.event("System", "USER32", 1074, "Information", "The process C:\\Windows\\system32\\shutdown.exe ("
                    + g.computerName() + ") has initiated the restart of computer " + g.computerName()
                    + " on behalf of user " + g.computerName() + "\\Administrator for the following reason: " + reason);
            g.event("System", "EventLog", 6006, "Information", "The Event log service was stopped.");
            // the OS needs a moment to go down: commands already answered get their replies first
            g.timer().schedule(() -> {
                synchronized (g.lock()) {
                    if (gen != generation) {
                        return;
                    }
                    goDown();
                    powerState = PowerState.STARTING;
                }
                g.timer().schedule(() -> boot(gen, false), g.bootDelay().toMillis(), TimeUnit.MILLISECONDS);
            }, 200, TimeUnit.MILLISECONDS);
        }
    }

    void crash(long code, long p1, long p2, long p3, long p4) {
        synchronized (g.lock()) {
            if (powerState != PowerState.RUNNING) {
                return;
            }
            long gen = ++generation;
            Instant when = g.clock().instant();
            // the dump holds the machine as it was: taken before anything goes down
            byte[] memory = DumpSnapshot.kernel(g, new dev.reprolab.windows.debugger.DumpState.Bugcheck(code,
                    java.util.List.of(p1, p2, p3, p4), code == 0xD1 ? "notmyfaultc64.exe" : "System")).encode();
            goDown();
            powerState = PowerState.STARTING;
            Path dump = g.file("C:\\Windows\\MEMORY.DMP");
            try {
                Files.createDirectories(dump.getParent());
                try (OutputStream out = Files.newOutputStream(dump)) {
                    long filetime = (when.getEpochSecond() + 11644473600L) * 10_000_000L;
                    KernelDumpFile.write(out, new KernelDumpFile.Spec(7601, 2, code, p1, p2, p3, p4, filetime, 2048), memory);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            g.event("System", "EventLog", 6008, "Error", "The previous system shutdown at " + when + " was unexpected.");
            g.event("System", "BugCheck", 1001, "Error", String.format("The computer has rebooted from a bugcheck.  The bugcheck was: 0x%08x "
                    + "(0x%016x, 0x%016x, 0x%016x, 0x%016x). A dump was saved in: C:\\Windows\\MEMORY.DMP.", code, p1, p2, p3, p4));
            // writing MEMORY.DMP and going through firmware again take seconds on any machine: a crashed guest is never
            // back as quickly as a plain boot of the sim, so a watcher sees the lost uptime as it would on real hardware
            long down = Math.max(g.bootDelay().toMillis(), CRASH_DOWNTIME.toMillis());
            g.timer().schedule(() -> boot(gen, true), down, TimeUnit.MILLISECONDS);
        }
    }

    /** The least time a bugcheck keeps the guest down: the dump write plus the reboot. */
    static final java.time.Duration CRASH_DOWNTIME = java.time.Duration.ofSeconds(2);
}
