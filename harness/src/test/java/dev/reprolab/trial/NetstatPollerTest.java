package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.remote.SimEndpoint;
import dev.reprolab.remote.WinRmGuest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The poll interval that really runs: on a guest whose netstat takes 150 ms, a 300 ms poller holds its period
 * (a loop that slept 300 ms after each netstat ran at about 450 ms and more), and the achieved interval is measured
 * from the guest's own stamps.
 */
public class NetstatPollerTest {

    private SimEndpoint lab;

    @BeforeClass
    public void start() throws IOException {
        lab = SimEndpoint.of(b -> b.enumerationTiming(Duration.ofMillis(150), Duration.ZERO));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        lab.close();
    }

    @Test
    public void theLoopHoldsItsPeriodWhenNetstatTakesPartOfIt() {
        Duration interval = Duration.ofMillis(300);
        PollInterval achieved;
        try (WinRmGuest g = new WinRmGuest(lab.address()); NetstatPoller p = new NetstatPoller(g, interval, Duration.ofSeconds(30), Clock.systemUTC()).start()) {
            Awaitility.await("ten snapshots").atMost(Duration.ofSeconds(30)).until(() -> p.snapshots().size() >= 11 || p.failure() != null);
            assertEquals(p.failure(), null);
            achieved = p.achieved().orElseThrow();
        }
        assertTrue(achieved.samples() >= 10, achieved.toString());
        // the sleep-after loop: 300 ms + 150 ms of netstat + PowerShell's own time ≥ 450 ms
        assertTrue(achieved.median().toMillis() >= 280 && achieved.median().toMillis() <= 360, "achieved " + achieved);
        assertTrue(achieved.overrun() < 0.2, "achieved " + achieved);
    }

    @Test
    public void theAchievedIntervalComesFromTheGuestsStamps() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<NetstatTimeline.Snapshot> s = List.of(snap(t), snap(t.plusMillis(200)), snap(t.plusMillis(420)), snap(t.plusMillis(620)),
                snap(t.plusMillis(1620)));
        PollInterval p = PollInterval.of(Duration.ofMillis(200), s).orElseThrow();
        assertEquals(p.samples(), 4);
        assertEquals(p.median(), Duration.ofMillis(200));
        assertEquals(p.max(), Duration.ofMillis(1000));
        assertEquals(p.p95(), Duration.ofMillis(1000));
        assertEquals(p.mean(), Duration.ofMillis(405));
        assertTrue(PollInterval.of(Duration.ofMillis(200), List.of(snap(t))).isEmpty(), "one snapshot has no interval");
    }

    private static NetstatTimeline.Snapshot snap(Instant t) {
        return new NetstatTimeline.Snapshot(t, t, List.of());
    }
}
