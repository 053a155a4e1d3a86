package dev.reprolab.run;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.TrialSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario turned into work: one golden preparation per patch set, and every trial of every cell. */
public record RunPlan(List<PatchSetSpec> patchSets, List<TrialSpec> trials, Map<String, Scenario.Cell> cellOfTrial) {

    public static RunPlan of(Scenario s, int trialsPerCell) {
        Catalog catalog = Catalog.load(s.updates().catalog());
        List<PatchSetSpec> sets = new ArrayList<>();
        for (Scenario.PatchSet p : s.patchSets()) {
            sets.add(new PatchSetSpec(p.name(), p.kbs(), p.kbs().stream()
                    .map(kb -> s.updates().packages().resolve(catalog.update(kb).orElseThrow().msuName())).toList(),
                    s.updates().installer(), s.plan(), s.lab().baseCheckpoint()));
        }
        List<TrialSpec> trials = new ArrayList<>();
        Map<String, Scenario.Cell> cells = new LinkedHashMap<>();
        // one expected signature for the whole run: the scenario's, or the first one its trials report
        dev.reprolab.triage.TriageSpec triage = s.triage().forRun();
        for (Scenario.Cell c : s.cells()) {
            for (int i = 1; i <= trialsPerCell; i++) {
                String id = trialId(c, i);
                cells.put(id, c);
                trials.add(new TrialSpec(id, c.patchSet().name(), c.id(), c.factors(), s.workload().serviceName(), s.workload().port(),
                        c.netstat(), c.load().clients(), c.load().rate(), s.deadlines().warmup(), s.deadlines().stop(),
                        s.deadlines().command(), s.dumps().procdumpOnHang(), false, s.deadlines().boot(), s.plan(), triage));
            }
        }
        // interleave trials across cells (round-robin by trial number) so that a stopped run has spread its evidence
        trials.sort(java.util.Comparator.comparing(TrialSpec::patchSet, java.util.Comparator.comparing(
                name -> s.patchSets().stream().map(Scenario.PatchSet::name).toList().indexOf(name)))
                .thenComparing(t -> t.trialId().substring(t.trialId().lastIndexOf('.') + 1)));
        return new RunPlan(List.copyOf(sets), List.copyOf(trials), Map.copyOf(cells));
    }

    /** e.g. {@code july-2018.netstat-200ms.busy.03}: readable, unique, safe as a directory name. */
    static String trialId(Scenario.Cell c, int n) {
        return c.patchSet().name() + "." + c.id().replace("netstat=", "netstat-").replace(",load=", ".") + "." + String.format("%02d", n);
    }
}
