package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.GuestOs.ScheduledTask;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The guest's Task Scheduler service: runs a task's program as its own process, outside the WinRM session that asked
 * for it (so {@code schtasks /run} returns at once, and whatever the program does — a bugcheck — happens after the
 * command's reply), records Running / Last Result as the service does, and starts {@code ONSTART} tasks at boot.
 * Only one instance of a task runs at a time (the default MultipleInstancesPolicy, IgnoreNew).
 */
final class TaskScheduler {

    /** SCHED_S_TASK_TERMINATED (0x41306): Last Result of a run ended by {@code schtasks /end}. */
    static final int TERMINATED = 267014;

    private TaskScheduler() {
    }

    /** The task of this name (case-insensitive, with or without the root folder's {@code \}). */
    static Optional<ScheduledTask> find(SimGuest g, String name) {
        String key = key(name);
        synchronized (g.lock()) {
            return Optional.ofNullable(g.state().tasks.get(key));
        }
    }

    static String key(String name) {
        String n = name.startsWith("\\") ? name.substring(1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    /**
     * How long the service takes to start a task's process after {@code schtasks /run} returned (the task engine,
     * then CreateProcess as the task's user): a fraction of a second on a real machine, not scaled, so the command
     * that asked has its reply before the program does anything. Until then the task shows Ready with its old Last Result.
     */
    static final long START_LATENCY_MS = 200;

    /** Asks the service to start the task; false when there is no such task. A task already running is left alone. */
    static boolean run(SimGuest g, String name) {
        String key = key(name);
        GuestState st;
        synchronized (g.lock()) {
            st = g.state();
            ScheduledTask t = st.tasks.get(key);
            if (t == null) {
                return false;
            }
            if (t.runPid() != 0) {
                return true;
            }
        }
        g.timer().schedule(() -> start(g, st, key), START_LATENCY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return true;
    }

    private static void start(SimGuest g, GuestState st, String key) {
        ScheduledTask t;
        synchronized (g.lock()) {
            t = st.tasks.get(key);
            if (t == null || t.runPid() != 0 || g.state() != st || g.powerState() != dev.reprolab.sim.SimVm.PowerState.RUNNING) {
                return; // deleted, started twice, restored or gone down in the meantime
            }
        }
        int[] pid = new int[1];
        Object started = new Object();
        synchronized (started) {
            pid[0] = g.windows().startDetached(t.commandLine(), exit -> {
                synchronized (started) {
                    finished(g, st, key, pid[0], exit);
                }
            });
            synchronized (g.lock()) {
                ScheduledTask now = st.tasks.get(key);
                if (now != null && g.state() == st) {
                    st.tasks.put(key, now.running(g.clock().instant(), pid[0]));
                }
            }
        }
    }

    private static void finished(SimGuest g, GuestState st, String key, int pid, int exit) {
        synchronized (g.lock()) {
            ScheduledTask now = st.tasks.get(key);
            if (now != null && now.runPid() == pid) {
                st.tasks.put(key, now.ended(exit == CmdShell.STATUS_CONTROL_C_EXIT ? TERMINATED : exit));
            }
        }
    }

    /** Ends the task's running instance; false when it is not running (or does not exist). */
    static boolean end(SimGuest g, String name) {
        Optional<ScheduledTask> t = find(g, name);
        return t.isPresent() && t.get().runPid() != 0 && g.windows().endDetached(t.get().runPid());
    }

    /**
     * At boot: nothing of the last boot runs any more, and every {@code ONSTART} task starts. A run the machine went
     * down under keeps the Last Result it had (the service never saw it end).
     */
    static void atBoot(SimGuest g) {
        List<String> onStart;
        synchronized (g.lock()) {
            Map<String, ScheduledTask> tasks = g.state().tasks;
            tasks.replaceAll((k, t) -> t.runPid() != 0
                    ? new ScheduledTask(t.name(), t.commandLine(), t.runAs(), "Ready", t.lastResult(), t.trigger(),
                    t.start(), t.lastRun(), t.highest(), t.author(), 0) : t);
            onStart = tasks.entrySet().stream().filter(e -> e.getValue().trigger().equals("ONSTART")).map(Map.Entry::getKey).toList();
        }
        onStart.forEach(k -> run(g, k));
    }
}
