package dev.reprolab.doctor;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.HostShell;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code lab doctor}: every prerequisite of a run, checked up front through the same backend and WinRM transport a
 * run uses, one line per check with the fix for each failure. It changes nothing on the lab except, unless told not
 * to, restoring the base checkpoint on each VM first (so what it reads is what every patch set starts from) — and
 * says so.
 */
public final class Doctor {

    /** Every guest check, in the order they print. */
    static List<GuestCheck> guestChecks() {
        List<GuestCheck> all = new ArrayList<>();
        all.addAll(WinRmChecks.all());
        all.addAll(SystemChecks.all());
        all.addAll(DumpChecks.all());
        all.addAll(NetworkChecks.all());
        return all;
    }

    private final LabBackend lab;
    private final DoctorOptions options;
    private final Consumer<String> out;
    private final List<Finding> findings = new ArrayList<>();
    /**
     * Guests are checked side by side, but the host's calls (restore, state, address) go two at a time: each holds a
     * shell on the host, whose WinRM allows a user only a few (MaxShellsPerUser 5 on WinRM 2.0).
     */
    private final java.util.concurrent.Semaphore hostCalls = new java.util.concurrent.Semaphore(2);

    public Doctor(LabBackend lab, DoctorOptions options, Consumer<String> out) {
        this.lab = lab;
        this.options = options;
        this.out = out;
    }

    private void report(Finding f) {
        findings.add(f);
        out.accept(f.line());
    }

    private void reportAll(List<Finding> fs) {
        fs.forEach(this::report);
    }

    /** Runs every check; returns 0 when a run can start, 1 when something blocks it. */
    public int run() {
        List<String> vms = new ArrayList<>(lab.vms());
        if (lab instanceof HostShell h) {
            HostChecks host = new HostChecks(h.hostShell(), options.deadline());
            Optional<List<Finding>> reached = host.reach(this::report);
            if (reached.isEmpty()) {
                return 1;
            }
            reportAll(reached.get());
            for (String vm : List.copyOf(vms)) {
                List<Finding> v = host.vm(lab, vm, options.baseCheckpoint());
                reportAll(v);
                if (v.stream().anyMatch(f -> f.status() == Finding.Status.FAIL && (f.message().startsWith("no such VM")
                        || f.message().startsWith("has no checkpoint")))) {
                    vms.remove(vm);
                }
            }
        }
        // guests are checked side by side (a real lab's round trips dominate); each guest's lines print together, in VM order
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(8, vms.size())), r -> {
            Thread t = new Thread(r, "doctor");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<Object>>> done = new ArrayList<>();
            for (String vm : vms) {
                done.add(pool.submit(() -> {
                    List<Object> lines = new ArrayList<>();
                    guest(vm, lines::add);
                    return lines;
                }));
            }
            for (java.util.concurrent.Future<List<Object>> f : done) {
                for (Object o : f.get()) {
                    if (o instanceof Finding fi) {
                        report(fi);
                    } else {
                        out.accept((String) o);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("doctor interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long fails = findings.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
        long warns = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
        out.accept(String.format("%d ok, %d warn, %d FAIL: %s", findings.size() - fails - warns, warns, fails,
                fails == 0 ? "a run can start" : "fix the FAIL lines before a run"));
        return fails == 0 ? 0 : 1;
    }

    private <T> T host(java.util.function.Supplier<T> call) {
        hostCalls.acquireUninterruptibly();
        try {
            return call.get();
        } finally {
            hostCalls.release();
        }
    }

    /** Checks one guest; hands its findings and notes (strings) to {@code sink} in order. */
    private void guest(String vm, Consumer<Object> sink) {
        Consumer<Finding> report = sink::accept;
        Duration d = options.deadline();
        if (options.restore()) {
            try {
                host(() -> {
                    lab.restore(vm, options.baseCheckpoint(), d.multipliedBy(2));
                    return null;
                });
                String how = "restored '" + options.baseCheckpoint() + "' (--no-restore reads the current state instead)";
                if (host(() -> lab.state(vm, d)) == LabBackend.VmState.OFF) {
                    host(() -> {
                        lab.start(vm, d.multipliedBy(2));
                        return null;
                    });
                    how += "; the checkpoint left it off, started it";
                }
                sink.accept("     " + vm + ": " + how);
            } catch (LabException e) {
                report.accept(Finding.fail(vm, "cannot restore '" + options.baseCheckpoint() + "': " + e.getMessage(),
                        "see the host's Hyper-V event log; lab exec --host -- ... to look"));
                return;
            }
        }
        GuestAddress a;
        try {
            a = host(() -> lab.address(vm, d.multipliedBy(2)));
        } catch (LabException e) {
            report.accept(Finding.fail(vm, "reports no IPv4 address (" + e.getMessage() + ")",
                    "start the VM and check Hyper-V integration services in the guest (Data Exchange, Heartbeat)"));
            return;
        }
        try (Guest g = new WinRmGuest(a)) {
            try {
                if (options.restore()) {
                    g.awaitReconnect(Instant.EPOCH, d.multipliedBy(3));
                }
                g.run("hostname", d);
            } catch (LabException e) {
                report.accept(Connection.failure(vm + " (" + a.wsmanUrl() + ")", e, "guest"));
                return;
            }
            report.accept(Finding.ok(vm, "WinRM " + (a.https() ? "HTTPS" : "HTTP") + " at " + a.wsmanUrl() + ", credentials accepted"));
            GuestProbe probe = new GuestProbe(g, a, d);
            for (GuestCheck c : guestChecks()) {
                try {
                    c.check(probe, options).forEach(report);
                } catch (LabException e) {
                    report.accept(Finding.fail(vm, c.getClass().getSimpleName() + " could not be checked: " + e.getMessage(),
                            "lab exec " + vm + " -- ... to look"));
                }
            }
        }
    }
}
