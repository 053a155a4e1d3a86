package dev.reprolab.bisect;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.testng.annotations.Test;

public class PoolBisectTest {

    private static final List<String> VMS = List.of("vm1", "vm2", "vm3");

    private static PoolBisect pool(int maxInfra) {
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(6, 20));
        PoolBisect pb = new PoolBisect(e, new BatchPlanner(BatchPlanner.Method.GREEDY), VMS, 0.95, 500, maxInfra);
        pb.checkEnds();
        return pb;
    }

    @Test
    public void everyVmGetsATrialAtOnceAndTheGoodEndIsCheckedFirst() {
        PoolBisect pb = pool(3);
        List<Integer> batch = new ArrayList<>();
        for (String vm : VMS) {
            batch.add(pb.dispatch(vm, Set.of()).orElseThrow());
        }
        assertEquals((int) batch.get(0), 0, "the good end's check");
        assertEquals(pb.running().size(), 3);
        assertTrue(pb.dispatch("vm1", Set.of()).isEmpty(), "one trial per VM");
    }

    @Test
    public void anInfrastructureErrorIsRetriedOnAnotherVmUpToMaxInfraThenStopsNamingTheVm() {
        PoolBisect pb = pool(2);
        int level = pb.dispatch("vm1", Set.of()).orElseThrow();
        pb.finished("vm1", level, Outcome.INFRA_ERROR, "did not answer over WinRM within PT30S");
        assertTrue(pb.dispatch("vm1", Set.of()).isPresent(), "vm1 goes on with other work");
        assertEquals(pb.dispatch("vm2", Set.of()).orElseThrow(), level, "the retry goes to another VM");
        pb.finished("vm2", level, Outcome.INFRA_ERROR, "restore failed");
        assertEquals(pb.dispatch("vm3", Set.of()).orElseThrow(), level);
        assertFalse(pb.infrastructureStop().isPresent());
        pb.finished("vm3", level, Outcome.INFRA_ERROR, "connection refused");
        String why = pb.infrastructureStop().orElseThrow();
        assertTrue(why.contains("3 infrastructure errors") && why.contains("vm3: connection refused"), why);
        assertTrue(pb.dispatch("vm2", Set.of()).isEmpty(), "nothing starts after the stop");
        assertFalse(pb.over(), "vm1's trial still runs");
        pb.finished("vm1", pb.running().get("vm1"), Outcome.STOPPED_CLEANLY, "");
        assertTrue(pb.over());
    }

    @Test
    public void aVmFailingThreeTrialsInARowLeavesThePoolAndAnEmptyPoolStops() {
        PoolBisect pb = pool(100);
        for (int strike = 0; strike < 3; strike++) {
            for (String vm : VMS) {
                OptionalInt l = pb.dispatch(vm, Set.of());
                pb.finished(vm, l.orElseThrow(), Outcome.INFRA_ERROR, vm + " stopped answering");
            }
        }
        assertFalse(pb.serves("vm1"));
        assertEquals(pb.removed().keySet(), Set.copyOf(VMS));
        String why = pb.infrastructureStop().orElseThrow();
        assertTrue(why.startsWith("every VM left the pool") && why.contains("vm2 (vm2 stopped answering)"), why);
        assertTrue(pb.over());
    }

    @Test
    public void aHitAfterAStrikeResetsTheVmsCount() {
        PoolBisect pb = pool(100);
        for (int i = 0; i < 5; i++) {
            int l = pb.dispatch("vm1", Set.of()).orElseThrow();
            pb.finished("vm1", l, i % 2 == 0 ? Outcome.INFRA_ERROR : Outcome.STOPPED_CLEANLY, "x");
        }
        assertTrue(pb.serves("vm1"));
    }

    @Test
    public void replayingFinishedTrialsGivesTheSameNextBatch() {
        SplittableRandom rnd = new SplittableRandom(4);
        PoolBisect a = pool(3);
        List<int[]> done = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<int[]> batch = new ArrayList<>();
            for (int v = 0; v < VMS.size(); v++) {
                a.dispatch(VMS.get(v), Set.of()).ifPresent(l -> batch.add(new int[] {batch.size(), l}));
            }
            for (int[] b : batch) {
                boolean hit = b[1] >= 9 && rnd.nextDouble() < 0.3;
                a.finished(VMS.get(b[0]), b[1], hit ? Outcome.HUNG : Outcome.STOPPED_CLEANLY, "");
                done.add(new int[] {b[1], hit ? 1 : 0});
            }
        }
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(6, 20));
        PoolBisect b = new PoolBisect(e, new BatchPlanner(BatchPlanner.Method.GREEDY), VMS, 0.95, 500, 3);
        done.forEach(d -> b.replay(d[0], d[1] == 1 ? Outcome.HUNG : Outcome.STOPPED_CLEANLY));
        b.checkEnds();
        for (String vm : VMS) {
            assertEquals(b.dispatch(vm, Set.of()), a.dispatch(vm, Set.of()), vm);
        }
        assertEquals(b.estimate(), a.estimate());
    }

    @Test
    public void onFourVmsItIsRightAsOftenAsItClaims() {
        int right = 0;
        int rounds = 0;
        for (int i = 0; i < 200; i++) {
            SplittableRandom rnd = new SplittableRandom(3000 + i);
            int change = 1 + rnd.nextInt(15);
            int hangs = 0;
            for (int k = 0; k < 20; k++) {
                hangs += rnd.nextDouble() < 0.3 ? 1 : 0;
            }
            BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(hangs, 20));
            List<String> vms = List.of("a", "b", "c", "d");
            PoolBisect pb = new PoolBisect(e, new BatchPlanner(BatchPlanner.Method.GREEDY), vms, 0.95, 2000, 3);
            pb.checkEnds();
            while (!pb.over()) {
                rounds++;
                List<int[]> batch = new ArrayList<>();
                for (int v = 0; v < vms.size(); v++) {
                    int vv = v;
                    pb.dispatch(vms.get(v), Set.of()).ifPresent(l -> batch.add(new int[] {vv, l}));
                }
                assertNotEquals(batch.size(), 0);
                for (int[] b : batch) {
                    pb.finished(vms.get(b[0]), b[1], b[1] >= change && rnd.nextDouble() < 0.3 ? Outcome.PORT_STUCK : Outcome.OTHER_FAILURE, "");
                }
            }
            right += pb.estimate().level() == change ? 1 : 0;
        }
        assertTrue(right >= 0.93 * 200, right + "/200");
        assertTrue(rounds / 200.0 < 12, "rounds per bisect " + rounds / 200.0);
    }
}
