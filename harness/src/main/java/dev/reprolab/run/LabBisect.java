package dev.reprolab.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.bisect.Bisector;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.lab.LabBackend;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code lab bisect}: the adaptive bisect run on a lab over the catalog's cumulative levels. Every trial goes
 * through the journal (patch set = the level's name), so a killed bisect resumes by replaying its outcomes into the
 * engine; each step goes to {@code bisect.log}.
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

    /** The levels' names: {@code base}, then each update in order. */
    public static List<String> names(List<String> updates) {
        List<String> n = new ArrayList<>();
        n.add("base");
        n.addAll(updates);
        return n;
    }

    /**
     * @param from index of the known end (good for a cause search, bad for a fix search)
     * @param to index of the other end
     * @param rate the prior on the repro probability, or null: the one a resumed bisect started with, else uniform
     */
    public BisectEngine.Estimate run(int from, int to, BisectEngine.Mode mode, double confidence, int budget,
            BisectEngine.RatePrior rate) {
        Catalog catalog = Catalog.load(scenario.updates().catalog());
        List<String> updates = catalog.levels(scenario.bisect().orElseThrow().levels());
        List<String> all = names(updates);
        List<String> names = all.subList(from, to + 1);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> history = Journal.read(runDir);
        BisectEngine.RatePrior prior = rate != null ? rate : history.stream()
                .filter(e -> e.path("type").asText().equals("bisect-started") && e.has("rateAlpha"))
                .map(e -> new BisectEngine.RatePrior(e.path("rateAlpha").asDouble(), e.path("rateBeta").asDouble()))
                .reduce((a, b) -> b).orElse(BisectEngine.RatePrior.UNIFORM);
        BisectEngine engine = new BisectEngine(names.size(), mode, prior);
        for (JsonNode e : history) {
            if (e.path("type").asText().equals("trial-finished")) {
                int level = names.indexOf(e.path("level").asText());
                Outcome o = Outcome.valueOf(e.path("outcome").asText());
                if (level >= 0 && o.counts()) {
                    engine.record(level, o.reproduces());
                }
            }
        }
        if (engine.totalTrials() > 0) {
            log("resumed with " + engine.totalTrials() + " trials from the journal");
        }
        Map<String, Set<String>> prepared = new HashMap<>();
        int[] seq = {engine.totalTrials()};
        Scenario.Load load = scenario.loads().get(0);
        var netstat = scenario.netstatIntervals().stream().filter(d -> !d.isZero()).findFirst();
        try (Journal journal = Journal.open(runDir, clock)) {
            journal.append("bisect-started", e -> {
                e.put("mode", mode.name());
                e.put("from", names.get(0));
                e.put("to", names.get(names.size() - 1));
                e.put("confidence", confidence);
                e.put("rateAlpha", prior.alpha());
                e.put("rateBeta", prior.beta());
            });
            log("prior on the repro probability: " + prior.describe());
            // a hang with another signature than the bug's is not the bug here either
            dev.reprolab.triage.TriageSpec triage = scenario.triage().forRun();
            Bisector.Oracle oracle = level -> {
                String name = String.format("L%02d-%s", from + level, names.get(level));
                List<String> kbs = updates.subList(0, from + level);
                PatchSetSpec ps = new PatchSetSpec(name, kbs, kbs.stream().map(kb -> scenario.updates().packages()
                        .resolve(catalog.update(kb).orElseThrow().msuName())).toList(), scenario.updates().installer(),
                        scenario.plan(), scenario.lab().baseCheckpoint());
                while (true) {
                    String id = String.format("bisect.%03d.%s", ++seq[0], name);
                    TrialSpec t = new TrialSpec(id, name, "bisect", Map.of("level", name), scenario.workload().serviceName(),
                            scenario.workload().port(), netstat, load.clients(), load.rate(), scenario.deadlines().warmup(),
                            scenario.deadlines().stop(), scenario.deadlines().command(), false, false, scenario.deadlines().boot(), scenario.plan(),
                            triage);
                    StopCycle.Result[] result = new StopCycle.Result[1];
                    new Experiment(lab, WinRmGuest::new, runDir, recorder(journal, names.get(level), prepared, result), clock,
                            scenario.deadlines().boot(), dev.reprolab.remote.FileChannel.parse(scenario.lab().fileChannel()),
                            scenario.deadlines().command()).run(List.of(ps), List.of(t), Set.of(), copy(prepared),
                            Experiment.KernelDumpPolicy.NEVER, Set.of());
                    if (result[0].outcome().counts()) {
                        progress.accept(String.format("%-28s %-16s %s", id, result[0].outcome(), result[0].reason()));
                        return result[0].outcome().reproduces();
                    }
                    log(id + ": infrastructure error, not counted, retrying: " + result[0].reason());
                }
            };
            BisectEngine.Estimate est = Bisector.run(engine, oracle, confidence, budget, this::log);
            engine.table(names).forEach(this::log);
            String answer = (est.decided(confidence) ? (mode == BisectEngine.Mode.CAUSE ? "first bad: " : "first fixed: ")
                    : "undecided after " + engine.totalTrials() + " trials: ") + est.describe(names);
            log(answer);
            journal.append("bisect-finished", e -> {
                e.put("level", names.get(est.level()));
                e.put("probability", est.probability());
                e.put("decided", est.decided(confidence));
                e.put("trials", engine.totalTrials());
            });
            return est;
        }
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, new HashSet<>(v)));
        return c;
    }

    private TrialRecorder recorder(Journal journal, String level, Map<String, Set<String>> prepared, StopCycle.Result[] result) {
        return new TrialRecorder() {
            @Override
            public void stepFinished(String vm, String patchSet, String trialId, dev.reprolab.trial.StepResult r) {
                StepJournal.append(journal, vm, patchSet, trialId, r);
            }

            @Override
            public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared p) {
                prepared.computeIfAbsent(vm, k -> new HashSet<>()).add(spec.name());
                journal.append("patchset-prepared", e -> {
                    e.put("patchSet", spec.name());
                    e.put("vm", vm);
                    p.installed().forEach(e.putArray("installed")::add);
                });
            }

            @Override
            public void trialStarted(TrialSpec t, String vm) {
                journal.append("trial-started", e -> {
                    e.put("trialId", t.trialId());
                    e.put("patchSet", t.patchSet());
                    e.put("level", level);
                    e.put("guest", vm);
                });
            }

            @Override
            public void trialFinished(TrialSpec t, String vm, StopCycle.Result r) {
                result[0] = r;
                journal.append("trial-finished", e -> {
                    e.put("trialId", t.trialId());
                    e.put("patchSet", t.patchSet());
                    e.put("cell", "bisect");
                    e.put("level", level);
                    e.put("guest", vm);
                    e.put("outcome", r.outcome().name());
                    e.put("reason", r.reason());
                    dev.reprolab.trial.TriageJournal.put(e, r, "trials/" + t.trialId() + "/");
                });
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
