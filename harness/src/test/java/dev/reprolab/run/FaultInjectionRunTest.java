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
import java.util.Random;
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
public class FaultInjectionRunTest {

    @Test
    public void faultsDuringARunAreInfrastructureErrorsNeverOutcomes() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("../scenarios/smoke.yaml"));
        Path runDir = Files.createTempDirectory("faults").resolve("run");
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<String> injected = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> running = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor();
        List<Results.CellResult> results;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            TrialRecorder spy = new TrialRecorder() {
                @Override
                public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
                }

                @Override
                public void trialStarted(TrialSpec trial, String vm) {
                    running.put(vm, trial.trialId());
                }

                @Override
                public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
                    running.remove(vm);
                    finished.incrementAndGet();
                }
            };
            injector.scheduleWithFixedDelay(() -> {
                if (running.isEmpty() || injected.size() >= 6) {
                    return;
                }
                List<String> vms = new ArrayList<>(running.keySet());
                String vm = vms.get(rnd.nextInt(vms.size()));
                SimLab.Node node = lab.lab().node(vm).orElseThrow();
                switch (injected.size() % 4) {
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
                injected.add(vm + " during " + running.get(vm) + " (#" + injected.size() + ")");
            }, 1500, 1700, TimeUnit.MILLISECONDS);
            LabRun run = new LabRun(s, lab, runDir, Clock.systemUTC(), l -> { }).start(4, spy);
            run.runTrials(t -> true);
            results = run.finish();
        } finally {
            injector.shutdownNow();
        }
        String context = "seed " + seed + ", injected " + injected + ", results " + results;
        assertTrue(injected.size() >= 3, "faults were injected: " + context);
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
        assertEquals(LabRunResumeTest.finished(runDir).stream().distinct().count(), (long) LabRunResumeTest.finished(runDir).size());
    }
}
