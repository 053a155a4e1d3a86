package dev.reprolab.trial;

import dev.reprolab.journal.Outcome;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's trials on a pool of VMs, one trial per VM at a time. Each VM prepares a patch set's golden
 * checkpoint the first time it needs it (or finds it from an earlier, interrupted run), then every trial restores
 * that checkpoint, runs one stop cycle, and is recorded before the next begins — so a run killed at any point
 * resumes without redoing or losing a finished trial.
 */
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    /** Where the VMs' workers take their trials from: a fixed list, or a scheduler that adapts to the results. */
    public interface TrialQueue {

        /**
         * The next trial for a VM whose last trial was of patch set {@code current} (null at first) and which holds
         * {@code prepared}; null when nothing is left. May wait while other VMs' trials decide what is needed.
         */
        TrialSpec take(String current, Set<String> prepared);

        /** A trial taken from the queue has ended; {@code result} is null when it ended in a harness bug. */
        default void done(TrialSpec trial, StopCycle.Result result) {
        }
    }

    /**
     * What a VM does once its guest is connected: prepare a patch set's golden checkpoint, run one stop cycle. The
     * lab's stages ({@link #LAB}) drive the guest; the pool's scheduling around them (which VM takes which trial,
     * restores, the kernel-dump claim, taking a failing VM out) does not depend on what they do, so tests give
     * fakes and check the scheduling in milliseconds.
     */
    public interface Stages {

        /** Brings the VM to the patch set's golden checkpoint ({@link PatchSetPreparer}). */
        PatchSetPreparer.Prepared prepare(Experiment exp, String vm, Guest guest, PatchSetSpec ps, Path scratch);

        /** One stop cycle on a guest restored to the golden checkpoint ({@link StopCycle}); evidence goes to {@code dir}. */
        StopCycle.Result cycle(Experiment exp, String vm, Guest guest, GuestAddress address, TrialSpec t, Path dir);
    }

    /** The real stages: {@link PatchSetPreparer} and {@link StopCycle} over the guest. */
    public static final Stages LAB = new Stages() {
        @Override
        public PatchSetPreparer.Prepared prepare(Experiment exp, String vm, Guest guest, PatchSetSpec ps, Path scratch) {
            return new PatchSetPreparer(exp.lab, vm, guest, exp.commandDeadline, exp.labDeadline, exp.transfers,
                    step -> LOG.info("{}: {}: {}", vm, ps.name(), step))
                    .steps(r -> exp.recorder.stepFinished(vm, ps.name(), null, r)).prepare(ps, scratch);
        }

        @Override
        public StopCycle.Result cycle(Experiment exp, String vm, Guest guest, GuestAddress address, TrialSpec t, Path dir) {
            return new StopCycle(guest, address, t, dir, exp.clock).files(exp.transfers).phases(p -> exp.recorder.phase(t, p))
                    .steps(r -> exp.recorder.stepFinished(vm, t.patchSet(), t.trialId(), r)).run();
        }
    };

    /** When to crash a guest for a kernel dump after a hang. */
    public enum KernelDumpPolicy { NEVER, FIRST_HANG_PER_PATCH_SET }

    private final LabBackend lab;
    private final Function<GuestAddress, Guest> connect;
    private final Path runDir;
    private final TrialRecorder recorder;
    private final Clock clock;
    private final Duration labDeadline;
    private final dev.reprolab.remote.TransferPolicy transfers;
    private final Duration commandDeadline;
    private final Set<String> kernelDumped = ConcurrentHashMap.newKeySet();
    private Stages stages = LAB;
    /** Set when a worker hit a bug: no worker takes another trial, the run fails with that bug. */
    private volatile boolean aborted;

    /**
     * @param transfers       how files go to and come from the guests (the scenario's {@code lab.fileChannel}, and
     *                        deadlines sized by each file): Apache and the updates while preparing, dumps after a hang
     * @param commandDeadline the deadline of one guest command (the scenario's {@code deadlines.command}); file
     *                        transfers get deadlines of their own, sized by the file
     */
    public Experiment(LabBackend lab, Function<GuestAddress, Guest> connect, Path runDir, TrialRecorder recorder,
                      Clock clock, Duration labDeadline, dev.reprolab.remote.TransferPolicy transfers, Duration commandDeadline) {
        this.lab = lab;
        this.connect = connect;
        this.runDir = runDir;
        this.recorder = recorder;
        this.clock = clock;
        this.labDeadline = labDeadline;
        this.transfers = transfers;
        this.commandDeadline = commandDeadline;
    }

    /** With {@code channel} and the default transfer rate, the command deadline as every transfer's floor. */
    public Experiment(LabBackend lab, Function<GuestAddress, Guest> connect, Path runDir, TrialRecorder recorder,
                      Clock clock, Duration labDeadline, dev.reprolab.remote.FileChannel channel, Duration commandDeadline) {
        this(lab, connect, runDir, recorder, clock, labDeadline, new dev.reprolab.remote.TransferPolicy(channel, commandDeadline,
                dev.reprolab.remote.TransferPolicy.DEFAULT_MIN_RATE, dev.reprolab.remote.TransferPolicy.FileServer.AUTO), commandDeadline);
    }

    /** Replaces the stages run on each connected guest (tests: fakes; the default drives the lab). */
    public Experiment stages(Stages replacement) {
        this.stages = replacement;
        return this;
    }

    /**
     * Runs every trial not in {@code finished}. Patch sets already prepared on a VM (its golden checkpoint exists
     * and {@code preparedOnVm} says so) are reused.
     *
     * @return results by trial id, for the trials run now
     */
    public Map<String, StopCycle.Result> run(List<PatchSetSpec> patchSets, List<TrialSpec> trials, Set<String> finished,
                                             Map<String, Set<String>> preparedOnVm, KernelDumpPolicy kernelDumps,
                                             Set<String> patchSetsWithKernelDump) {
        List<TrialSpec> todo = Collections.synchronizedList(new ArrayList<>(trials.stream()
                .filter(t -> !finished.contains(t.trialId())).toList()));
        if (todo.isEmpty()) {
            return new ConcurrentHashMap<>();
        }
        return run(patchSets, (current, prepared) -> take(todo, current, prepared), preparedOnVm, kernelDumps, patchSetsWithKernelDump);
    }

    /** Runs what the queue hands out until it has nothing left, on every VM of the pool. */
    public Map<String, StopCycle.Result> run(List<PatchSetSpec> patchSets, TrialQueue queue, Map<String, Set<String>> preparedOnVm,
                                             KernelDumpPolicy kernelDumps, Set<String> patchSetsWithKernelDump) {
        kernelDumped.addAll(patchSetsWithKernelDump);
        Map<String, PatchSetSpec> byName = new LinkedHashMap<>();
        patchSets.forEach(p -> byName.put(p.name(), p));
        Map<String, StopCycle.Result> results = new ConcurrentHashMap<>();
        List<String> vms = lab.vms();
        ExecutorService pool = Executors.newFixedThreadPool(vms.size(), r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (String vm : vms) {
            Set<String> prepared = new HashSet<>(preparedOnVm.getOrDefault(vm, Set.of()));
            workers.add(pool.submit(() -> worker(vm, queue, byName, prepared, kernelDumps, results)));
        }
        pool.shutdown();
        for (Future<?> f : workers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new LabException("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                // a bug in a worker: the others finish the trial they are in (aborted stops them taking more)
                aborted = true;
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    private void worker(String vm, TrialQueue queue, Map<String, PatchSetSpec> patchSets, Set<String> prepared,
                        KernelDumpPolicy kernelDumps, Map<String, StopCycle.Result> results) {
        String current = null;
        int consecutiveInfra = 0;
        while (true) {
            TrialSpec next = aborted ? null : queue.take(current, prepared);
            if (next == null) {
                return;
            }
            current = next.patchSet();
            StopCycle.Result r = null;
            try {
                r = runOne(vm, patchSets.get(next.patchSet()), next, prepared, kernelDumps);
            } finally {
                queue.done(next, r);
            }
            results.put(next.trialId(), r);
            consecutiveInfra = r.outcome() == Outcome.INFRA_ERROR ? consecutiveInfra + 1 : 0;
            if (consecutiveInfra >= 3) {
                // a VM that failed three trials in a row is broken; leave its work to the others and say so
                LOG.error("{}: three infrastructure errors in a row; taking the VM out of the pool", vm);
                return;
            }
        }
    }

    /**
     * One trial on one VM: prepares the patch set there if the VM does not hold it (adding it to {@code prepared}),
     * runs the stop cycle and records the result. A lab, transport or disk failure is the trial's result (an
     * infrastructure error); anything else is a bug in the harness and is thrown.
     */
    public StopCycle.Result runOne(String vm, PatchSetSpec ps, TrialSpec t, Set<String> prepared, KernelDumpPolicy kernelDumps) {
        StopCycle.Result r;
        try {
            if (!prepared.contains(ps.name()) || !lab.checkpoints(vm, labDeadline).contains(ps.goldenCheckpoint())) {
                prepare(vm, ps);
                prepared.add(ps.name());
            }
            // claim the patch set's kernel dump before the trial, so two VMs hanging at once do not both crash;
            // a trial that does not take it gives the claim back
            boolean kernel = kernelDumps == KernelDumpPolicy.FIRST_HANG_PER_PATCH_SET && kernelDumped.add(ps.name());
            try {
                r = trial(vm, ps, withKernelDump(t, kernel));
            } catch (RuntimeException e) {
                if (kernel) {
                    kernelDumped.remove(ps.name());
                }
                throw e;
            }
            // a hang attempted the crash: the claim stays even if no dump came of it (no MEMORY.DMP, a failed
            // transfer), or every later hang of the patch set would crash the guest again for the same missing dump
            if (kernel && !r.outcome().reproduces()) {
                kernelDumped.remove(ps.name());
            }
        } catch (LabException | java.io.UncheckedIOException e) {
            // a broken lab, transport or disk costs this trial, recorded as such, never the whole run
            LOG.warn("{}: {} failed: {}", vm, t.trialId(), e.toString());
            r = new StopCycle.Result(Outcome.INFRA_ERROR, e.getMessage(), Duration.ZERO, List.of(), List.of());
        } catch (StepFailedException e) {
            // the scenario's own step failed: every further trial would fail the same way, so the run stops
            aborted = true;
            LOG.error("{}: {}: {}", vm, t.trialId(), e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            // anything else is a bug in the harness: recording it as a flaky lab would hide it, so the run
            // stops (the trial stays unfinished in the journal; --resume runs it again once fixed)
            aborted = true;
            LOG.error("{}: {}: bug in the harness, the run stops", vm, t.trialId(), e);
            throw e;
        }
        recorder.trialFinished(t, vm, r);
        return r;
    }

    /** The next trial for a VM: same patch set as its last one if any is left (saves a preparation), else the first. */
    private static TrialSpec take(List<TrialSpec> queue, String current, Set<String> prepared) {
        synchronized (queue) {
            if (queue.isEmpty()) {
                return null;
            }
            int pick = 0;
            for (int i = 0; i < queue.size(); i++) {
                String ps = queue.get(i).patchSet();
                if (ps.equals(current)) {
                    pick = i;
                    break;
                }
                if (prepared.contains(ps) && pick == 0 && !queue.get(0).patchSet().equals(current)) {
                    pick = i;
                }
            }
            return queue.remove(pick);
        }
    }

    private static TrialSpec withKernelDump(TrialSpec t, boolean kernel) {
        return new TrialSpec(t.trialId(), t.patchSet(), t.cell(), t.factors(), t.serviceName(), t.port(),
                t.netstatInterval(), t.loadClients(), t.loadRatePerClient(), t.warmup(), t.stopDeadline(),
                t.commandDeadline(), t.procdumpOnHang(), kernel, t.bootDeadline(), t.plan(), t.triage());
    }

    private void prepare(String vm, PatchSetSpec ps) {
        Path scratch = runDir.resolve("work").resolve(vm);
        PatchSetPreparer.ensureDir(scratch);
        try (Guest guest = connect.apply(lab.address(vm, labDeadline))) {
            PatchSetPreparer.Prepared prepared = stages.prepare(this, vm, guest, ps, scratch);
            recorder.patchSetPrepared(vm, ps, prepared);
        }
    }

    private StopCycle.Result trial(String vm, PatchSetSpec ps, TrialSpec t) {
        recorder.trialStarted(t, vm);
        recorder.phase(t, "restore " + ps.goldenCheckpoint());
        lab.restore(vm, ps.goldenCheckpoint(), labDeadline);
        GuestAddress address = lab.address(vm, labDeadline);
        Path trials = runDir.resolve("trials").toAbsolutePath().normalize();
        Path dir = trials.resolve(t.trialId()).normalize();
        if (!dir.getParent().equals(trials)) {
            // names are checked when the scenario is read; this is the guard that no path ever leaves the run directory
            throw new IllegalStateException("trial id '" + t.trialId() + "' is not a plain name");
        }
        PatchSetPreparer.ensureDir(dir);
        try (Guest guest = connect.apply(address)) {
            guest.awaitReconnect(java.time.Instant.EPOCH, t.bootDeadline());
            return stages.cycle(this, vm, guest, address, t, dir);
        } finally {
            if (Files.isDirectory(dir)) {
                LOG.debug("{}: trial {} evidence in {}", vm, t.trialId(), dir);
            }
        }
    }
}
