package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.bisect.PoolBisect;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.fakes.FakeGuest;
import dev.reprolab.fakes.FakeLab;
import dev.reprolab.fakes.FakeStages;
import dev.reprolab.journal.Outcome;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code lab bisect}'s pool scheduling on a fake lab: every VM busy, one trial per VM at a time, broken VMs out. */
public class BisectPoolFakesTest {

    private Scenario scenario;
    private List<String> names;
    private int good;
    private int bad;

    @BeforeClass
    public void load() {
        scenario = ScenarioLoader.load(LabBisectIT.scenario());
        names = LabBisect.names(Catalog.load(scenario.updates().catalog()).levels(scenario.bisect().orElseThrow().levels()));
        good = names.indexOf("KB4093118");
        bad = names.indexOf("KB4338818");
    }

    /** Levels from the July 2018 rollup on always hang, earlier ones never (patch set names are {@code Lnn-name}). */
    private Outcome truth(String patchSet) {
        return names.indexOf(patchSet.substring(patchSet.indexOf('-') + 1)) >= bad ? Outcome.HUNG : Outcome.STOPPED_CLEANLY;
    }

    private LabBisect.Result bisect(FakeLab lab, FakeGuest.Connector guests, FakeStages stages, Path runDir) {
        return bisect(lab, guests, stages, runDir, 3);
    }

    private LabBisect.Result bisect(FakeLab lab, FakeGuest.Connector guests, FakeStages stages, Path runDir, int maxInfra) {
        return new LabBisect(scenario, lab, runDir, Clock.systemUTC(), l -> { }).guests(guests, stages)
                .run(good, bad, BisectEngine.Mode.CAUSE, 0.95, 60, BisectEngine.RatePrior.measured(14, 21), maxInfra);
    }

    @Test
    public void everyVmTakesLevelsOneTrialAtATimeAndTheBisectNamesTheRollup() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02", "lab-03");
        FakeGuest.Connector guests = new FakeGuest.Connector();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        Set<String> busyVms = ConcurrentHashMap.newKeySet();
        FakeStages stages = new FakeStages(lab);
        stages.outcomes((vm, t) -> {
            if (!inFlight.add(vm)) {
                throw new AssertionError(vm + " got a second trial while one was running");
            }
            busyVms.add(vm);
            inFlight.remove(vm);
            return truth(t.patchSet());
        });
        Path runDir = Files.createTempDirectory("bisect").resolve("run");
        LabBisect.Result r = bisect(lab, guests, stages, runDir);
        String log = Files.readString(runDir.resolve("bisect.log"), StandardCharsets.UTF_8);
        assertTrue(r.decided(), log);
        assertTrue(log.contains("first bad: level " + (bad - good) + " (KB4338818)"), log);
        assertEquals(busyVms, Set.of("lab-01", "lab-02", "lab-03"), "every VM of the pool ran trials");
        List<String> prepared = stages.prepared();
        assertEquals(prepared.size(), new HashSet<>(prepared).size(), "a VM prepares a level once: " + prepared);
        assertEquals(guests.open(), 0);
        assertTrue(stages.ran().stream().allMatch(x -> x.outcome() == truth(x.patchSet())), "outcomes as scripted");
    }

    @Test
    public void aVmWhoseRestoresFailLeavesThePoolAndTheOthersDecide() throws Exception {
        CountDownLatch strikes = new CountDownLatch(PoolBisect.VM_STRIKES);
        FakeLab lab = new FakeLab("lab-01", "lab-02", "lab-03").failRestores("lab-03", Integer.MAX_VALUE)
                .onRestoreFailure(strikes::countDown);
        // the healthy VMs hold their trials until lab-03 has struck out, or the bisect could end before it does
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> truth(t.patchSet())).during(t -> {
            try {
                if (!strikes.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("lab-03 never got its trials");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        Path runDir = Files.createTempDirectory("bisect").resolve("run");
        // more retries per level than strikes, so the VM's failures end its part, not the bisect
        LabBisect.Result r = bisect(lab, new FakeGuest.Connector(), stages, runDir, PoolBisect.VM_STRIKES + 1);
        String log = Files.readString(runDir.resolve("bisect.log"), StandardCharsets.UTF_8);
        assertTrue(r.decided(), log);
        assertTrue(r.infrastructure().isEmpty(), log);
        assertTrue(log.contains("lab-03: " + PoolBisect.VM_STRIKES + " infrastructure errors in a row; taken out of the pool"), log);
        assertEquals(lab.calls("restore lab-03 ").size(), PoolBisect.VM_STRIKES, lab.calls("restore lab-03 ").toString());
        assertTrue(stages.ran().stream().noneMatch(x -> x.vm().equals("lab-03")));
    }

    @Test
    public void aLabThatFailsEverywhereEndsTheBisectUndecidedByInfrastructure() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02").failRestores("lab-01", Integer.MAX_VALUE).failRestores("lab-02", Integer.MAX_VALUE);
        FakeStages stages = new FakeStages(lab);
        LabBisect.Result r = bisect(lab, new FakeGuest.Connector(), stages, Files.createTempDirectory("bisect").resolve("run"));
        assertFalse(r.decided());
        assertTrue(r.infrastructure().isPresent());
        assertTrue(stages.ran().isEmpty());
    }

    @Test
    public void aBugInATrialStopsTheBisect() throws Exception {
        FakeLab lab = new FakeLab("lab-01", "lab-02");
        FakeStages stages = new FakeStages(lab).outcomes((vm, t) -> {
            throw new IllegalStateException("a bug in the harness");
        });
        IllegalStateException e = expectThrows(IllegalStateException.class,
                () -> bisect(lab, new FakeGuest.Connector(), stages, Files.createTempDirectory("bisect").resolve("run")));
        assertEquals(e.getMessage(), "a bug in the harness");
    }
}
