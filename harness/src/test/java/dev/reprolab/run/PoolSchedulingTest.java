package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.fakes.FakeGuest;
import dev.reprolab.fakes.FakeLab;
import dev.reprolab.fakes.FakeStages;
import dev.reprolab.journal.Outcome;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.trial.Experiment;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The VM pool's scheduling (which VM takes which trial, reusing preparations, taking a failing VM out, the one kernel
 * dump per patch set, a harness bug stopping the pool) on a fake lab and fake guests: milliseconds per case.
 */
public class PoolSchedulingTest {

    private static final Duration WAIT = Duration.ofSeconds(10); // only reached when the scheduler is broken

    private RunPlan plan;

    @BeforeClass
    public void plan() {
        Path p = Paths.get("..", "scenarios", "smoke.yaml");
        Scenario s = ScenarioLoader.load(Files.exists(p) ? p : Paths.get("scenarios", "smoke.yaml"));
        plan = RunPlan.of(s, 5); // june-2018 × 5, then july-2018 × 5
    }

    /** What the recorder saw. */
    static final class Seen implements TrialRecorder {
        final Queue<String> finished = new ConcurrentLinkedQueue<>();
        final Queue<String> preparedOn = new ConcurrentLinkedQueue<>();

        @Override
        public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
            preparedOn.add(vm + " " + spec.name());
        }

        @Override
        public void trialStarted(TrialSpec trial, String vm) {
        }

        @Override
        public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
            finished.add(trial.trialId() + " " + vm + " " + result.outcome());
        }
    }

    private Experiment experiment(FakeLab lab, FakeGuest.Connector guests, FakeStages stages, Seen seen) throws Exception {
        return new Experiment(lab, guests, Files.createTempDirectory("pool"), seen, Clock.systemUTC(), Duration.ofSeconds(5),
                FileChannel.WINRM, Duration.ofSeconds(5)).stages(stages);
    }

    private List<TrialSpec> only(String patchSet) {
        return plan.trials().stream().filter(t -> t.patchSet().equals(patchSet)).toList();
    }

    @Test
    public void everyTrialRunsOnceAVmKeepsToItsPatchSetAndPreparesEachOnce() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02");
        FakeGuest.Connector guests = new FakeGuest.Connector();
        FakeStages stages = new FakeStages(lab);
        Seen seen = new Seen();
        Map<String, StopCycle.Result> results = experiment(lab, guests, stages, seen)
                .run(plan.patchSets(), plan.trials(), Set.of(), Map.of(), Experiment.KernelDumpPolicy.NEVER, Set.of());

        assertEquals(results.keySet(), plan.trials().stream().map(TrialSpec::trialId).collect(Collectors.toSet()));
        List<String> ids = stages.ran().stream().map(FakeStages.Ran::trialId).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no trial twice: " + ids);
        assertEquals(seen.finished.size(), 10, "every trial recorded");
        List<String> preparations = stages.prepared();
        assertEquals(preparations.size(), new HashSet<>(preparations).size(), "a VM prepares a patch set once: " + preparations);
        assertEquals(seen.preparedOn.size(), preparations.size());
        for (String vm : lab.vms()) {
            // june-2018 comes first in the plan: a VM that moved on to july-2018 never goes back
            List<String> sets = stages.ran().stream().filter(r -> r.vm().equals(vm)).map(FakeStages.Ran::patchSet).toList();
            int firstJuly = sets.indexOf("july-2018");
            assertTrue(firstJuly < 0 || !sets.subList(firstJuly, sets.size()).contains("june-2018"), vm + " ran " + sets);
        }
        // each trial restored its patch set's golden checkpoint on the VM that ran it, through a fresh connection
        for (FakeStages.Ran r : stages.ran()) {
            assertTrue(lab.calls().contains("restore " + r.vm() + " golden-" + r.patchSet()), r.toString());
        }
        assertEquals(lab.calls("restore ").stream().filter(c -> c.contains(" golden-")).count(), 10L);
        assertEquals(guests.open(), 0, "every guest connection closed: " + guests.log());
    }

    @Test
    public void resumedWorkSkipsFinishedTrialsAndReusesGoldenCheckpointsThatStillExist() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02").withCheckpoint("lab-01", "golden-june-2018");
        FakeGuest.Connector guests = new FakeGuest.Connector();
        FakeStages stages = new FakeStages(lab);
        Set<String> finished = plan.trials().subList(0, 3).stream().map(TrialSpec::trialId).collect(Collectors.toSet());
        // lab-02 claims july-2018 from the journal, but its checkpoint is gone: it must prepare it again
        Map<String, Set<String>> preparedOnVm = Map.of("lab-01", Set.of("june-2018"), "lab-02", Set.of("july-2018"));
        Map<String, StopCycle.Result> results = experiment(lab, guests, stages, new Seen())
                .run(plan.patchSets(), plan.trials(), finished, preparedOnVm, Experiment.KernelDumpPolicy.NEVER, Set.of());

        assertEquals(results.size(), 7);
        assertTrue(stages.ran().stream().noneMatch(r -> finished.contains(r.trialId())), "finished trials are not run again");
        assertFalse(stages.prepared().contains("lab-01 june-2018"), "the golden checkpoint from before is reused: " + stages.prepared());
        boolean lab02RanJuly = stages.ran().stream().anyMatch(r -> r.vm().equals("lab-02") && r.patchSet().equals("july-2018"));
        assertEquals(stages.prepared().contains("lab-02 july-2018"), lab02RanJuly,
                "a VM whose golden checkpoint vanished prepares again before using it: " + stages.prepared());
    }

    @Test
    public void aVmFailingThreeTrialsInARowLeavesThePoolAndTheOthersDoItsWork() throws Exception {
        CountDownLatch threeFailures = new CountDownLatch(3);
        FakeLab lab = new FakeLab("lab-01", "lab-02", "lab-03").failRestores("lab-02", Integer.MAX_VALUE)
                .onRestoreFailure(threeFailures::countDown);
        FakeGuest.Connector guests = new FakeGuest.Connector();
        // the healthy VMs hold their first trials until lab-02 has failed three times, so it gets the chance to
        FakeStages stages = new FakeStages(lab).during(t -> await(threeFailures));
        Map<String, StopCycle.Result> results = experiment(lab, guests, stages, new Seen())
                .run(plan.patchSets(), plan.trials(), Set.of(), Map.of(), Experiment.KernelDumpPolicy.NEVER, Set.of());

        assertEquals(results.size(), 10, "every trial has a result");
        List<StopCycle.Result> infra = results.values().stream().filter(r -> r.outcome() == Outcome.INFRA_ERROR).toList();
        assertEquals(infra.size(), 3, "lab-02 took three trials, then left: " + lab.calls("restore lab-02"));
        assertTrue(infra.stream().allMatch(r -> r.reason().startsWith("lab-02: restore of golden-")), infra.toString());
        assertEquals(lab.calls("restore lab-02 golden-").size(), 3);
        assertEquals(stages.ran().size(), 7);
        assertTrue(stages.ran().stream().noneMatch(r -> r.vm().equals("lab-02")));
        assertEquals(guests.open(), 0);
    }

    @Test
    public void aVmThatRecoversStaysInThePool() throws Exception {
        FakeLab lab = new FakeLab("lab-01").failRestores("lab-01", 2);
        FakeStages stages = new FakeStages(lab);
        Map<String, StopCycle.Result> results = experiment(lab, new FakeGuest.Connector(), stages, new Seen())
                .run(plan.patchSets(), plan.trials(), Set.of(), Map.of(), Experiment.KernelDumpPolicy.NEVER, Set.of());
        assertEquals(results.values().stream().filter(r -> r.outcome() == Outcome.INFRA_ERROR).count(), 2L);
        assertEquals(stages.ran().size(), 8, "two failures in a row are not three");
    }

    @Test
    public void aGuestThatNeverAnswersCostsItsTrialsAsInfrastructureErrors() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02");
        FakeGuest.Connector guests = new FakeGuest.Connector().unreachable("lab-02");
        // lab-01 holds its trials until lab-02 has taken one, or on a busy machine lab-01 may run all ten first
        FakeStages stages = new FakeStages(lab).during(t -> org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> guests.log().contains("lab-02 connect")));
        Map<String, StopCycle.Result> results = experiment(lab, guests, stages, new Seen())
                .run(plan.patchSets(), plan.trials(), Set.of(), Map.of(), Experiment.KernelDumpPolicy.NEVER, Set.of());
        assertEquals(results.size(), 10);
        long infra = results.values().stream().filter(r -> r.outcome() == Outcome.INFRA_ERROR).count();
        assertTrue(infra >= 1 && infra <= 3, "lab-02 fails at most three before it leaves: " + infra);
        assertEquals(stages.ran().size(), 10 - infra);
        assertTrue(stages.ran().stream().allMatch(r -> r.vm().equals("lab-01")));
        assertEquals(guests.open(), 0, "a failed connection is closed too");
    }

    @Test
    public void threeVmsHangingAtOnceTakeOneKernelDumpPerPatchSet() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02", "lab-03");
        CyclicBarrier together = new CyclicBarrier(3);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> Outcome.HUNG).during(t -> {
            if (started.incrementAndGet() <= 3) {
                await(together); // the first three trials hang at the same moment
            }
        });
        experiment(lab, new FakeGuest.Connector(), stages, new Seen()).run(plan.patchSets(), only("july-2018"), Set.of(), Map.of(),
                Experiment.KernelDumpPolicy.FIRST_HANG_PER_PATCH_SET, Set.of());
        assertEquals(stages.ran().size(), 5);
        assertEquals(stages.ran().stream().filter(FakeStages.Ran::kernelDump).count(), 1L, "one crash for the patch set: " + stages.ran());
    }

    @Test
    public void aKernelDumpClaimIsGivenBackByATrialThatDidNotHang() throws Exception {
        FakeLab lab = new FakeLab("lab-01");
        boolean[] first = {true};
        // the first claimant stops cleanly (no crash attempted); every later trial hangs
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> {
            boolean clean = first[0];
            first[0] = false;
            return clean ? Outcome.STOPPED_CLEANLY : Outcome.HUNG;
        });
        experiment(lab, new FakeGuest.Connector(), stages, new Seen()).run(plan.patchSets(), only("july-2018"), Set.of(), Map.of(),
                Experiment.KernelDumpPolicy.FIRST_HANG_PER_PATCH_SET, Set.of());
        List<Boolean> claims = stages.ran().stream().map(FakeStages.Ran::kernelDump).toList();
        assertEquals(claims, List.of(true, true, false, false, false), "the claim passes to the first hang, then stays");
    }

    @Test
    public void aPatchSetDumpedInAnEarlierSessionIsNotCrashedAgainAndNeverIsNever() throws Exception {
        FakeLab lab = new FakeLab("lab-01");
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> Outcome.HUNG);
        experiment(lab, new FakeGuest.Connector(), stages, new Seen()).run(plan.patchSets(), plan.trials(), Set.of(), Map.of(),
                Experiment.KernelDumpPolicy.FIRST_HANG_PER_PATCH_SET, Set.of("july-2018"));
        assertEquals(stages.ran().stream().filter(FakeStages.Ran::kernelDump).map(FakeStages.Ran::patchSet).toList(), List.of("june-2018"));

        FakeStages never = new FakeStages(lab).outcomes((vm, t) -> Outcome.HUNG);
        experiment(lab, new FakeGuest.Connector(), never, new Seen()).run(plan.patchSets(), plan.trials(), Set.of(), Map.of(),
                Experiment.KernelDumpPolicy.NEVER, Set.of());
        assertTrue(never.ran().stream().noneMatch(FakeStages.Ran::kernelDump));
    }

    @Test
    public void aBugInTheHarnessStopsThePoolAndIsNotRecorded() throws Exception {
        FakeLab lab = new FakeLab("lab-01");
        String victim = plan.trials().get(3).trialId();
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> {
            if (t.trialId().equals(victim)) {
                throw new NullPointerException("a bug in the harness");
            }
            return Outcome.STOPPED_CLEANLY;
        });
        Seen seen = new Seen();
        FakeGuest.Connector guests = new FakeGuest.Connector();
        NullPointerException e = expectThrows(NullPointerException.class, () -> experiment(lab, guests, stages, seen)
                .run(plan.patchSets(), plan.trials(), Set.of(), Map.of(), Experiment.KernelDumpPolicy.NEVER, Set.of()));
        assertEquals(e.getMessage(), "a bug in the harness");
        assertEquals(seen.finished.size(), 3, "the trials before the bug are recorded, the bug's trial is not: " + seen.finished);
        assertTrue(seen.finished.stream().noneMatch(f -> f.startsWith(victim)));
        assertEquals(stages.ran().size(), 3, "no trial is taken after the bug");
        assertEquals(guests.open(), 0);
    }

    @Test
    public void cellsThatStopWhenDecidedGetNoMoreTrialsOnceSettled() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02");
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> t.patchSet().equals("july-2018") ? Outcome.HUNG : Outcome.STOPPED_CLEANLY);
        RunPlan big = RunPlan.of(ScenarioLoader.load(Files.exists(Paths.get("..", "scenarios", "smoke.yaml"))
                ? Paths.get("..", "scenarios", "smoke.yaml") : Paths.get("scenarios", "smoke.yaml")), 60);
        CellQueue queue = new CellQueue(big.trials(), Set.of(), Map.of(), 60, new dev.reprolab.stats.EarlyStop(0.5, 0.3));
        experiment(lab, new FakeGuest.Connector(), stages, new Seen()).run(big.patchSets(), queue, Map.of(),
                Experiment.KernelDumpPolicy.NEVER, Set.of());
        Map<String, Long> perSet = stages.ran().stream().collect(Collectors.groupingBy(FakeStages.Ran::patchSet, Collectors.counting()));
        assertEquals(perSet.keySet(), Set.of("june-2018", "july-2018"));
        assertTrue(perSet.values().stream().allMatch(n -> n < 60), "both cells settled well before 60 trials: " + perSet);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the scheduler never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("three VMs never ran at once", e);
        }
    }
}
