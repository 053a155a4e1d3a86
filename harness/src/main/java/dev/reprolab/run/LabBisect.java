package dev.reprolab.run;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.bisect.BatchPlanner;
import dev.reprolab.bisect.PoolBisect;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.BisectFinished;
import dev.reprolab.journal.BisectStarted;
import dev.reprolab.journal.BisectStep;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.PatchSetPrepared;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialStarted;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.trial.Experiment;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code lab bisect}: the adaptive bisect run on a lab over the catalog's cumulative levels, on every VM of the pool
 * at once: each VM's worker asks the {@link PoolBisect} for a level given what the others are running, runs the
 * trial and reports it. Every trial goes through the journal (patch set = the level's name), so a killed bisect
 * resumes by replaying its outcomes into the engine; each step goes to {@code bisect.log}.
 */
public final class LabBisect {

    private final Scenario scenario;
    private final LabBackend lab;
    private final Path runDir;
    private final Clock clock;
    private final Consumer<String> progress;

    public LabBisect(Scenario scenario, LabBackend lab, Path runDir, Clock clock, Consumer<String> progress) {
        this.scenario = scenario;
        this.lab = lab;
        this.runDir = runDir;
        this.clock = clock;
        this.progress = progress;
    }

    private Scenario.Load load;
    private Optional<java.time.Duration> netstat;

    /**
     * The cell the bisect's trials run in: a load level and a netstat interval (empty = off). Default: the
     * scenario's first load and first interval other than off.
     */
    public LabBisect inCell(Scenario.Load load, Optional<java.time.Duration> netstat) {
        this.load = load;
        this.netstat = netstat;
        return this;
    }

    private Function<dev.reprolab.remote.GuestAddress, dev.reprolab.remote.Guest> connect = WinRmGuest::new;
    private Experiment.Stages stages = Experiment.LAB;

    /** How guests are reached and what each VM does with one (tests: fakes; the default drives the lab over WinRM). */
    public LabBisect guests(Function<dev.reprolab.remote.GuestAddress, dev.reprolab.remote.Guest> connector, Experiment.Stages replacement) {
        this.connect = connector;
        this.stages = replacement;
        return this;
    }

    /** The levels' names: {@code base}, then each update in order. */
    public static List<String> names(List<String> updates) {
        List<String> n = new ArrayList<>();
        n.add("base");
        n.addAll(updates);
        return n;
    }

    /** How a bisect ended: its estimate, whether it is decided, and why the lab stopped it if it did. */
    public record Result(BisectEngine.Estimate estimate, boolean decided, Optional<String> infrastructure) {
    }

    /**
     * @param from index of the known end (good for a cause search, bad for a fix search)
     * @param to index of the other end
     * @param rate the prior on the repro probability, or null: the one a resumed bisect started with, else uniform
     * @param maxInfra infrastructure errors retried per level; one more ends the bisect undecided
     */
    public Result run(int from, int to, BisectEngine.Mode mode, double confidence, int budget, BisectEngine.RatePrior rate,
            int maxInfra) {
        Catalog catalog = Catalog.load(scenario.updates().catalog());
        List<String> updates = catalog.levels(scenario.bisect().orElseThrow().levels());
        List<String> all = names(updates);
        List<String> names = all.subList(from, to + 1);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JournalEntry> history = Journal.read(runDir);
        BisectEngine.RatePrior prior = rate != null ? rate : Journal.events(history, BisectStarted.class).stream()
                .filter(e -> e.rateAlpha() != null && e.rateBeta() != null)
                .map(e -> new BisectEngine.RatePrior(e.rateAlpha(), e.rateBeta()))
                .reduce((a, b) -> b).orElse(BisectEngine.RatePrior.UNIFORM);
        BisectEngine engine = new BisectEngine(names.size(), mode, prior);
        List<String> vms = lab.vms();
        PoolBisect pool = new PoolBisect(engine, new BatchPlanner(BatchPlanner.Method.GREEDY), vms, confidence, budget, maxInfra);
        Map<String, Set<String>> prepared = new HashMap<>();
        int started = 0;
        for (JournalEntry entry : history) {
            // infrastructure errors of an earlier session are not replayed: a resume usually follows a repaired lab
            if (entry.event() instanceof TrialFinished e) {
                int level = e.bisectLevel().map(names::indexOf).orElse(-1);
                if (level >= 0 && e.outcome() != null && e.outcome().counts()) {
                    pool.replay(level, e.outcome());
                }
            } else if (entry.event() instanceof TrialStarted) {
                started++;
            } else if (entry.event() instanceof PatchSetPrepared e) {
                prepared.computeIfAbsent(e.vm(), k -> new HashSet<>()).add(e.patchSet());
            }
        }
        pool.checkEnds();
        if (engine.totalTrials() > 0) {
            log("resumed with " + engine.totalTrials() + " trials from the journal");
        }
        int[] seq = {started};
        Scenario.Load load = this.load != null ? this.load : scenario.loads().get(0);
        Optional<java.time.Duration> netstat = this.netstat != null ? this.netstat
                : scenario.netstatIntervals().stream().filter(d -> !d.isZero()).findFirst();
        log("cell: load " + load.name() + ", netstat " + netstat.map(dev.reprolab.lab.config.Durations::format).orElse("off"));
        try (Journal journal = Journal.open(runDir, clock)) {
            journal.append(new BisectStarted(mode.name(), names.get(0), names.get(names.size() - 1), confidence, prior.alpha(),
                    prior.beta(), maxInfra, vms));
            log("prior on the repro probability: " + prior.describe());
            log("pool: " + vms.size() + " VM(s) " + vms + ", a trial at a time on each");
            Experiment exp = new Experiment(lab, connect, runDir, recorder(journal, prepared), clock,
                    scenario.deadlines().boot(), Transfers.policy(scenario),
                    scenario.deadlines().command()).stages(stages);
            Function<Integer, PatchSetSpec> spec = level -> {
                String name = String.format("L%02d-%s", from + level, names.get(level));
                List<String> kbs = updates.subList(0, from + level);
                return new PatchSetSpec(name, kbs, kbs.stream().map(kb -> scenario.updates().packages()
                        .resolve(catalog.update(kb).orElseThrow().msuName())).toList(), scenario.updates().installer(),
                        scenario.plan(), scenario.lab().baseCheckpoint());
            };
            Object lock = prepared; // the recorder adds preparations under the same monitor
            Throwable[] bug = new Throwable[1];
            Runnable worker = () -> {
                try {
                    work(lock, pool, prepared, names, spec, seq, load, netstat, exp, engine, bug, journal);
                } catch (RuntimeException | Error e) {
                    // a bug in the harness: the other VMs finish the trial they are in and take no more
                    synchronized (lock) {
                        bug[0] = bug[0] == null ? e : bug[0];
                        lock.notifyAll();
                    }
                }
            };
            List<Thread> threads = new ArrayList<>();
            for (String vm : vms) {
                Thread th = new Thread(worker, vm);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted");
                }
            }
            if (bug[0] instanceof RuntimeException re) {
                throw re;
            } else if (bug[0] instanceof Error err) {
                throw err;
            }
            BisectEngine.Estimate est = pool.estimate();
            engine.table(names).forEach(this::log);
            Optional<String> infra = pool.infrastructureStop();
            boolean decided = infra.isEmpty() && est.decided(confidence);
            String answer = infra.map(why -> "undecided: infrastructure: " + why + "; so far " + est.describe(names))
                    .orElseGet(() -> (decided ? (mode == BisectEngine.Mode.CAUSE ? "first bad: " : "first fixed: ")
                            : "undecided after " + engine.totalTrials() + " trials: ") + est.describe(names));
            log(answer);
            journal.append(new BisectFinished(names.get(est.level()), est.probability(), decided, engine.totalTrials(), infra.orElse(null)));
            return new Result(est, decided, infra);
        }
    }

    /** One VM's worker: takes a level from the pool bisect, runs the trial, reports it, until nothing is left. */
    private void work(Object lock, PoolBisect pool, Map<String, Set<String>> prepared, List<String> names,
            Function<Integer, PatchSetSpec> spec, int[] seq, Scenario.Load load, Optional<java.time.Duration> netstat,
            Experiment exp, BisectEngine engine, Throwable[] bug, Journal journal) {
        String vm = Thread.currentThread().getName();
        while (true) {
            int level;
            String id;
            PatchSetSpec ps;
            synchronized (lock) {
                OptionalInt next;
                while (true) {
                    next = bug[0] != null ? OptionalInt.empty() : pool.dispatch(vm, levelsPrepared(prepared, vm, names));
                    if (next.isPresent()) {
                        break;
                    }
                    if (bug[0] != null || pool.over() || !pool.serves(vm)) {
                        lock.notifyAll();
                        return;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                level = next.getAsInt();
                ps = spec.apply(level);
                id = String.format("bisect.%03d.%s", ++seq[0], ps.name());
                progress.accept(String.format("%s: %s started (running: %s)", vm, id, pool.running()));
            }
            TrialSpec t = new TrialSpec(id, ps.name(), "bisect", Map.of("level", names.get(level)), scenario.workload().serviceName(),
                    scenario.workload().port(), netstat, load.clients(), load.rate(), scenario.deadlines().warmup(),
                    scenario.deadlines().stop(), scenario.deadlines().command(), false, false, scenario.deadlines().boot(), scenario.plan(),
                    scenario.triage().forRun()); // a hang with another signature than the bug's is its own outcome, not the bug
            Set<String> mine;
            synchronized (lock) {
                mine = new HashSet<>(prepared.getOrDefault(vm, Set.of()));
            }
            StopCycle.Result r = exp.runOne(vm, ps, t, mine, Experiment.KernelDumpPolicy.NEVER);
            synchronized (lock) {
                pool.finished(vm, level, r.outcome(), r.reason());
                BisectEngine.Estimate e = pool.estimate();
                PoolBisect.Evidence ev = PoolBisect.evidence(r.outcome());
                log(String.format(Locale.ROOT, "trial %3d at level %2d on %s: %-10s best level %2d p=%.3f%s", engine.totalTrials(),
                        level, vm, ev == PoolBisect.Evidence.REPRODUCED ? "REPRODUCED" : ev == PoolBisect.Evidence.CLEAN ? "clean"
                                : "infra", e.level(), e.probability(),
                        ev == PoolBisect.Evidence.NOT_COUNTED ? "  (not counted: " + r.reason() + ")" : ""));
                if (ev != PoolBisect.Evidence.NOT_COUNTED) {
                    journal.append(new BisectStep(engine.totalTrials(), names.get(level), ev == PoolBisect.Evidence.REPRODUCED,
                            names.get(e.level()), e.probability()));
                }
                if (pool.removed().containsKey(vm)) {
                    log(vm + ": " + PoolBisect.VM_STRIKES + " infrastructure errors in a row; taken out of the pool (" + r.reason() + ")");
                }
                lock.notifyAll();
            }
        }
    }

    /** The level indexes a VM holds prepared (patch set names are {@code Lnn-name}). */
    private static Set<Integer> levelsPrepared(Map<String, Set<String>> prepared, String vm, List<String> names) {
        Set<Integer> out = new HashSet<>();
        for (String ps : prepared.getOrDefault(vm, Set.of())) {
            int dash = ps.indexOf('-');
            if (dash > 0) {
                int level = names.indexOf(ps.substring(dash + 1));
                if (level >= 0) {
                    out.add(level);
                }
            }
        }
        return out;
    }

    /** The shared journal recorder, plus what the pool needs: the VMs' prepared levels (under the pool's lock). */
    private TrialRecorder recorder(Journal journal, Map<String, Set<String>> prepared) {
        JournalRecorder journaled = new JournalRecorder(journal);
        return new TrialRecorder() {
            @Override
            public void stepFinished(String vm, String patchSet, String trialId, dev.reprolab.trial.StepResult r) {
                journaled.stepFinished(vm, patchSet, trialId, r);
            }

            @Override
            public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared p) {
                synchronized (prepared) {
                    prepared.computeIfAbsent(vm, k -> new HashSet<>()).add(spec.name());
                }
                journaled.patchSetPrepared(vm, spec, p);
            }

            @Override
            public void trialStarted(TrialSpec t, String vm) {
                journaled.trialStarted(t, vm);
            }

            @Override
            public void trialFinished(TrialSpec t, String vm, StopCycle.Result r) {
                journaled.trialFinished(t, vm, r);
            }
        };
    }

    private void log(String line) {
        progress.accept(line);
        try {
            Files.writeString(runDir.resolve("bisect.log"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
