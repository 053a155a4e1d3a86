package dev.reprolab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.journal.DumpCaptured;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.RunFinished;
import dev.reprolab.journal.RunResumed;
import dev.reprolab.journal.RunStarted;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.report.RunData;
import dev.reprolab.report.html.SummaryHtml;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.trial.Experiment;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One run of a scenario on a lab, from the run directory's first line to its summary: journal every event, run the
 * trials on the VM pool, probe each patch set's environment once, derive results and the HTML summary. With a run
 * directory that already has a journal, finished trials are kept and only the rest is run ({@code --resume}).
 */
public final class LabRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scenario scenario;
    private final LabBackend lab;
    private final Path runDir;
    private final Clock clock;
    private final Consumer<String> progress;
    private final Map<String, Boolean> probed = new ConcurrentHashMap<>();

    public LabRun(Scenario scenario, LabBackend lab, Path runDir, Clock clock, Consumer<String> progress) {
        this.scenario = scenario;
        this.lab = lab;
        this.runDir = runDir;
        this.clock = clock;
        this.progress = progress;
    }

    /** A fresh run directory under {@code root}: {@code <yyyyMMdd-HHmmss>-<scenario>}. */
    public static Path newRunDir(Path root, Scenario s, Clock clock) {
        String id = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(clock.instant().atZone(ZoneOffset.UTC)) + "-" + s.name();
        Path dir = root.resolve(id);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(id + "-" + i);
        }
        return dir;
    }

    public List<Results.CellResult> execute(int trialsPerCell) {
        start(trialsPerCell, TrialRecorder.NONE);
        runTrials(t -> true);
        return finish();
    }

    private Journal journal;
    private RunPlan plan;
    private TrialRecorder extra = TrialRecorder.NONE;
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Finished trials per {@code patchSet|cell}, extra ones (freed by settled cells) included: what the bar counts. */
    private final Map<String, Integer> doneByCell = new ConcurrentHashMap<>();
    private final Set<String> kernelDumped = ConcurrentHashMap.newKeySet();

    /** Opens the run directory and its journal (resuming what it holds); {@code extra} sees every event too. */
    public LabRun start(int trialsPerCell, TrialRecorder extra) {
        this.extra = extra;
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JournalEntry> before = Journal.read(runDir);
        for (TrialFinished t : Journal.events(before, TrialFinished.class)) {
            if (finished.add(t.trialId())) {
                doneByCell.merge(t.patchSet() + "|" + t.cell(), 1, Integer::sum);
            }
        }
        Journal.events(before, DumpCaptured.class).stream().filter(DumpCaptured::kernel).forEach(d -> kernelDumped.add(d.patchSet()));
        String runId = runDir.getFileName().toString();
        writeRunJson(runId, null);
        copyScenario();
        plan = RunPlan.of(scenario, trialsPerCell);
        journal = Journal.open(runDir, clock);
        journal.append(before.isEmpty() ? new RunStarted(runId, scenario.file().toString(), lab.name(), finished.size())
                : new RunResumed(runId, scenario.file().toString(), lab.name(), finished.size()));
        return this;
    }

    /** Replaces the extra recorder (the nightly suite gives each test its own). */
    public void recorder(TrialRecorder extra) {
        this.extra = extra;
    }

    /** Runs the plan's unfinished trials that match, on the whole VM pool. */
    public void runTrials(java.util.function.Predicate<TrialSpec> which) {
        List<TrialSpec> todo = plan.trials().stream().filter(which).toList();
        long left = todo.stream().filter(t -> !finished.contains(t.trialId())).count();
        progress.accept(left + " trials to run on " + lab.vms().size() + " VM(s)"
                + (left < todo.size() ? " (" + (todo.size() - left) + " already finished)" : ""));
        Experiment exp = new Experiment(lab, WinRmGuest::new, runDir, recorder(journal, plan), clock, scenario.deadlines().boot(),
                Transfers.policy(scenario), scenario.deadlines().command());
        Experiment.KernelDumpPolicy dumps = scenario.dumps().kernelFirstHangPerPatchSet() ? Experiment.KernelDumpPolicy.FIRST_HANG_PER_PATCH_SET
                : Experiment.KernelDumpPolicy.NEVER;
        if (scenario.earlyStop().isPresent()) {
            progress.accept("cells stop when decided (at most " + scenario.trials() + " trials each; rate interval narrower than "
                    + scenario.earlyStop().get().rateWidth() + ")");
            CellQueue queue = new CellQueue(todo, Set.copyOf(finished), countsSoFar(), scenario.trials(), scenario.earlyStop().get());
            exp.run(plan.patchSets(), queue, Map.of(), dumps, Set.copyOf(kernelDumped));
            if (queue.extras() > 0) {
                progress.accept(queue.extras() + " trials freed by settled cells went to cells still undecided");
            }
            return;
        }
        exp.run(plan.patchSets(), todo, Set.copyOf(finished), Map.of(), dumps, Set.copyOf(kernelDumped));
    }

    /** Per {@code patchSet|cell}: reproduced, counted, trials finished (infrastructure errors too), highest trial number. */
    private Map<String, int[]> countsSoFar() {
        Map<String, int[]> out = new java.util.HashMap<>();
        for (TrialFinished e : Journal.events(runDir, TrialFinished.class)) {
            int[] c = out.computeIfAbsent(e.patchSet() + "|" + e.cell(), k -> new int[4]);
            dev.reprolab.journal.Outcome o = e.outcome();
            c[0] += o != null && o.reproduces() ? 1 : 0;
            c[1] += o != null && o.counts() ? 1 : 0;
            c[2]++;
            String id = e.trialId();
            try {
                c[3] = Math.max(c[3], Integer.parseInt(id.substring(id.lastIndexOf('.') + 1)));
            } catch (NumberFormatException notNumbered) {
                // not a plan trial id
            }
        }
        return out;
    }

    /** The results so far, from the journal. */
    public List<Results.CellResult> results() {
        return Results.compute(scenario, Journal.read(runDir));
    }

    /** Closes the journal and writes results.json and summary.html. */
    public List<Results.CellResult> finish() {
        journal.append(new RunFinished());
        journal.close();
        List<Results.CellResult> results = results();
        String runId = runDir.getFileName().toString();
        Results.write(runDir, runId, scenario, lab.name(), results);
        List<TrialFinished> trials = Journal.events(runDir, TrialFinished.class);
        dev.reprolab.report.Signatures.addToResults(runDir, trials);
        dev.reprolab.report.PollIntervals.addToResults(runDir, trials);
        writeRunJson(runId, clock.instant().toString());
        SummaryHtml.write(RunData.read(runDir));
        return results;
    }

    public Path runDir() {
        return runDir;
    }

    /** The journal's recorder, then the run's own book-keeping: progress lines, the environment probe, the extra recorder. */
    private TrialRecorder recorder(Journal journal, RunPlan plan) {
        JournalRecorder journaled = new JournalRecorder(journal);
        return new TrialRecorder() {
            @Override
            public void phase(TrialSpec t, String phase) {
                extra.phase(t, phase);
            }

            @Override
            public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
                journaled.patchSetPrepared(vm, spec, prepared);
                extra.patchSetPrepared(vm, spec, prepared);
                progress.accept(vm + ": " + spec.name() + " prepared (" + String.join(" ", prepared.installed()) + "; tcpip.sys "
                        + prepared.fileVersions().getOrDefault("tcpip.sys", "?") + ")");
                if (probed.putIfAbsent(spec.name(), true) == null) {
                    probe(vm, spec);
                }
            }

            @Override
            public void stepFinished(String vm, String patchSet, String trialId, dev.reprolab.trial.StepResult r) {
                journaled.stepFinished(vm, patchSet, trialId, r);
                extra.stepFinished(vm, patchSet, trialId, r);
                if (r.failed()) {
                    progress.accept(vm + ": " + r.summary());
                }
            }

            @Override
            public void trialStarted(TrialSpec t, String vm) {
                extra.trialStarted(t, vm);
                journaled.trialStarted(t, vm);
            }

            @Override
            public void trialFinished(TrialSpec t, String vm, StopCycle.Result r) {
                journaled.trialFinished(t, vm, r);
                if (finished.add(t.trialId())) {
                    doneByCell.merge(t.patchSet() + "|" + t.cell(), 1, Integer::sum);
                }
                extra.trialFinished(t, vm, r);
                progress.accept(cellProgress(plan, t) + "  " + String.format("%-40s %-16s %s", t.trialId(), r.outcome(), r.reason()));
            }
        };
    }

    /** {@code [######----]   6/10 }: how far the trial's cell has come, resumed and freed extra trials included. */
    private String cellProgress(RunPlan plan, TrialSpec t) {
        long planned = plan.trials().stream().filter(o -> o.patchSet().equals(t.patchSet()) && o.cell().equals(t.cell())).count();
        return CellProgress.bar(doneByCell.getOrDefault(t.patchSet() + "|" + t.cell(), 0), planned);
    }

    /** The case's recovery plan asks for the environment: filter drivers, TCP offloads, build and hotfixes. */
    private void probe(String vm, PatchSetSpec spec) {
        ObjectNode env = JSON.createObjectNode();
        try (Guest g = new WinRmGuest(lab.address(vm, scenario.deadlines().command()))) {
            for (String[] c : new String[][] {{"fltmc", "fltmc"}, {"tcpGlobal", "netsh int tcp show global"},
                {"systeminfo", "systeminfo"}, {"hotfixes", "wmic qfe get HotFixID,InstalledOn"},
                {"tcpip.sys", "wmic datafile where name='C:\\\\Windows\\\\System32\\\\drivers\\\\tcpip.sys' get Version /value"}}) {
                CommandResult r = g.run(c[1], scenario.deadlines().command());
                env.put(c[0], (r.stdout() + r.stderr()).strip());
            }
            Files.createDirectories(runDir.resolve("environment"));
            JSON.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("environment").resolve(spec.name() + ".json").toFile(), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.reprolab.remote.LabException e) {
            progress.accept(vm + ": environment probe for " + spec.name() + " failed: " + e.getMessage());
        }
    }

    private void writeRunJson(String runId, String finishedAt) {
        ObjectNode r = JSON.createObjectNode();
        r.put("runId", runId);
        r.put("scenario", scenario.file().toString());
        r.put("lab", lab.name());
        r.put("port", scenario.workload().port());
        r.put("workload", scenario.workload().kind());
        r.put("service", scenario.workload().serviceName());
        Path existing = runDir.resolve("run.json");
        String started = clock.instant().toString();
        if (Files.exists(existing)) {
            try {
                started = JSON.readTree(existing.toFile()).path("startedAt").asText(started);
            } catch (IOException ignored) {
                // rewrite it below
            }
        }
        r.put("startedAt", started);
        if (finishedAt != null) {
            r.put("finishedAt", finishedAt);
        }
        r.put("harnessVersion", "0.1.0");
        lab.vms().forEach(r.putArray("guests")::add);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(existing.toFile(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyScenario() {
        try {
            Files.copy(scenario.file(), runDir.resolve("scenario.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
