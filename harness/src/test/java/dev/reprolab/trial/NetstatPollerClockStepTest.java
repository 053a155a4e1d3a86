package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.remote.SimEndpoint;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.sim.guest.SimGuest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.testng.annotations.Test;

/**
 * The poller's schedule and time bound run on the guest's performance counter: when time sync steps a clock left
 * behind by a memory checkpoint forward by more than the poller has left, polling goes on to its bound (on the wall
 * clock it ended at the step) and the stamps after the step carry the new time.
 */
public class NetstatPollerClockStepTest {

    @Test
    public void aForwardStepLongerThanWhatIsLeftDoesNotEndThePolling() throws Exception {
        Duration maxRun = Duration.ofSeconds(4);
        Duration age = Duration.ofSeconds(6);
        try (SimEndpoint lab = SimEndpoint.of(b -> b)) {
            SimGuest guest = lab.guest;
            guest.timeSyncAfterResume(Duration.ofMinutes(10)); // no step by itself: the test steps it
            Instant saved = Instant.now();
            guest.checkpoint("with-memory", true);
            // the checkpoint must be older than the poller's bound for the step to outrun it
            Awaitility.await("checkpoint aged").atMost(age.multipliedBy(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Duration.between(saved, Instant.now()).compareTo(age) > 0);
            guest.restore("with-memory");
            try (WinRmGuest g = new WinRmGuest(lab.address())) {
                Awaitility.await("the guest answers after the resume").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> g.run("echo up", Duration.ofSeconds(5)).exitCode() == 0);
                try (NetstatPoller p = new NetstatPoller(g, Duration.ofMillis(100), maxRun, Clock.systemUTC()).start()) {
                    Awaitility.await("three snapshots on the stale clock").atMost(Duration.ofSeconds(20))
                            .until(() -> p.snapshots().size() >= 3 || p.failure() != null);
                    int before = p.snapshots().size();
                    guest.syncTimeNow();
                    Awaitility.await("ten more snapshots after the step").atMost(Duration.ofSeconds(20))
                            .until(() -> p.snapshots().size() >= before + 10 || p.failure() != null);
                    assertEquals(p.failure(), null);
                    List<NetstatTimeline.Snapshot> s = p.snapshots();
                    Duration jump = Duration.between(s.get(before - 1).guestTime(), s.get(s.size() - 1).guestTime());
                    assertTrue(jump.compareTo(age) > 0, "the stamps after the step carry the new time: " + jump);
                }
            }
        }
    }
}
