package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.sim.SimLab;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;

/**
 * Faults injected into the simulated lab while a run is under way — dropped WinRM connections, a reboot in the middle
 * of a stop cycle, a guest that stops answering for a while, a slow endpoint after a reboot — must cost trials, never
 * skew them: no June trial may count as reproduced and no July trial as stopped cleanly, whatever was hit.
 */
public class FaultInjectionRunIT {

    @Test
    public void faultsDuringARunAreInfrastructureErrorsNeverOutcomes() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("../scenarios/smoke.yaml"));
        Path runDir = Files.createTempDirectory("faults").resolve("run");
        List<String> injected = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> running = new ConcurrentHashMap<>();
        ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor();
        List<Results.CellResult> results;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            AtomicInteger loads = new AtomicInteger();
            TrialRecorder spy = new TrialRecorder() {
                @Override
                public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
                }

                @Override
                public void trialStarted(TrialSpec trial, String vm) {
                    running.put(trial.trialId(), vm);
                }

                @Override
                public void phase(TrialSpec trial, String phase) {
                    // every other trial is hit once it is under load, so the fault lands inside the stop cycle and
                    // no VM fails three trials in a row (which would take it out of the pool)
                    if (phase.startsWith("load") && loads.incrementAndGet() % 2 == 1 && injected.size() < 4) {
                        inject(lab, running.get(trial.trialId()), trial.trialId());
                    }
                }

                @Override
                public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
                    running.remove(trial.trialId());
                }

                private void inject(SimBackend lab, String vm, String trialId) {
                    SimLab.Node node = lab.lab().node(vm).orElseThrow();
                    switch (injected.size()) {
                        case 0 -> node.endpoint().faults().dropNext(2);
                        case 1 -> node.guest().restart("injected: reboot mid-cycle");
                        case 2 -> {
                            node.endpoint().goOffline();
                            injector.schedule(node.endpoint()::goOnline, 3, TimeUnit.SECONDS);
                        }
                        default -> {
                            node.guest().restart("injected: slow boot");
                            node.endpoint().faults().delayNext(4, Duration.ofSeconds(2));
                        }
                    }
                    injected.add(vm + " during " + trialId);
                }
            };
            LabRun run = new LabRun(s, lab, runDir, Clock.systemUTC(), l -> { }).start(4, spy);
            run.runTrials(t -> true);
            results = run.finish();
        } finally {
            injector.shutdownNow();
        }
        String context = "injected " + injected + ", results " + results;
        assertEquals(injected.size(), 4, "every kind of fault was injected: " + context);
        int infra = 0;
        for (Results.CellResult c : results) {
            infra += c.infraErrors();
            if (c.patchSet().equals("june-2018")) {
                assertEquals(c.reproduced(), 0, "no June trial counts as reproduced: " + context);
            } else {
                assertEquals(c.clean(), 0, "no July trial counts as stopped cleanly: " + context);
            }
        }
        assertTrue(infra >= 1, "the faults cost trials, recorded as infrastructure errors: " + context);
        assertEquals(LabRunResumeIT.finished(runDir).stream().distinct().count(), (long) LabRunResumeIT.finished(runDir).size());
    }
}
