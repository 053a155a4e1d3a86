package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Trials right after a restore of a Standard (memory) checkpoint: the guest's clock resumes at the checkpoint's time,
 * behind the controller's by the checkpoint's age, until time sync steps it. The netstat snapshots still land on the
 * controller's timeline where they were taken — after the trial's start, and the hung service's snapshots after the
 * stop command, through the stop deadline — and a step in the middle of a trial is no poll interval.
 */
public class StaleClockTrialTest {

    /** The July level hangs every stop: the poller runs on through the whole stop deadline after the stop command. */
    static Scenario julyOnly(int guests) throws Exception {
        Path dir = Paths.get("..", "scenarios");
        if (!Files.isDirectory(dir)) {
            dir = Paths.get("scenarios");
        }
        String images = dir.toAbsolutePath().getParent().resolve("vm-images").toString();
        String yaml = "name: stale-clock\ndescription: July 2018 after memory restores\nlab:\n  backend: sim\n  guests: " + guests + "\n"
                + "apache:\n  zip: " + images + "/apache/httpd-2.4.34-win64-VC15-simlab.zip\n"
                + "updates:\n  catalog: " + images + "/catalog.yaml\n  packages: " + images + "/updates/sim\n"
                + "patchSets:\n  july-2018:\n    kbs: [KB4284826, KB4338818]\n    expect: reproduces\n"
                + "factors:\n  netstat: [200ms]\n  load:\n    - {name: busy, clients: 4, rate: 0}\n"
                + "trials: 3\nminRate: 0.5\ndeadlines:\n  warmup: 2s\n  stop: 4s\n  boot: 1m\n  command: 30s\n"
                + "dumps:\n  procdump: never\n  kernel: never\n";
        Path copy = Files.createTempDirectory("scenario").resolve("stale-clock.yaml");
        Files.writeString(copy, yaml, StandardCharsets.UTF_8);
        return ScenarioLoader.load(copy);
    }

    static Map<String, String> timing(Path trialDir) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String l : Files.readAllLines(trialDir.resolve("timing.txt"), StandardCharsets.UTF_8)) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                m.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return m;
    }

    private final Path runDir;
    private List<TrialFinished> trials;

    public StaleClockTrialTest() throws java.io.IOException {
        runDir = Files.createTempDirectory("stale").resolve("run");
    }

    /**
     * One run of three trials on one guest, each restoring the golden checkpoint with its memory, on a guest whose time
     * service does not step the clock by itself within a trial: the first and third keep the checkpoint's time
     * throughout (the third's checkpoint is two trials old), the second is stepped at its stop command, while the
     * poller runs.
     */
    @BeforeClass
    public void runThreeTrials() throws Exception {
        Scenario s = julyOnly(1);
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false)) {
            lab.useStandardCheckpoints();
            SimGuest guest = lab.lab().nodes().get(0).guest();
            // a time service that does not step the clock by itself within a trial
            guest.timeSyncAfterResume(Duration.ofMinutes(10));
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
            LabRun run = new LabRun(s, lab, runDir, Clock.systemUTC(), line -> { });
            // told before the trial's restore, so each trial's resume gets its own time service
            run.start(3, new TrialRecorder() {
                @Override
                public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
                }

                @Override
                public void trialStarted(TrialSpec trial, String vm) {
                    started.incrementAndGet();
                }

                @Override
                public void phase(TrialSpec trial, String phase) {
                    // the second trial's clock is stepped at its stop command: stale snapshots before, true ones after
                    // (by the age of a one-trial-old checkpoint: the poller's own time bound, on the guest's clock, would
                    // end it early after a step longer than what is left of it)
                    if (started.get() == 2 && phase.startsWith("stop")) {
                        guest.syncTimeNow();
                    }
                }

                @Override
                public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
                }
            });
            run.runTrials(t -> true);
            run.finish();
        }
        trials = Journal.events(runDir, TrialFinished.class);
        assertEquals(trials.size(), 3, trials.toString());
    }

    @Test
    public void snapshotsOfAGuestBehindTheControllerLandAfterTheStopCommand() throws Exception {
        int stale = 0;
        for (TrialFinished t : List.of(trials.get(0), trials.get(2))) {
            assertEquals(t.outcome(), Outcome.HUNG, t.toString());
            assertTrue(t.clockAtStart() != null && t.clockAtEnd() != null, "both offsets in the journal: " + t);
            assertTrue(!t.clockStepped(), "no step within the trial: " + t);
            Path dir = runDir.resolve("trials").resolve(t.trialId());
            Map<String, String> timing = timing(dir);
            Instant started = Instant.parse(timing.get("started"));
            long stopMs = Duration.between(started, Instant.parse(timing.get("stopIssued"))).toMillis();
            List<NetstatTimelineFile.Entry> snaps = NetstatTimelineFile.read(NetstatTimelineFile.find(dir).orElseThrow());
            long behind = -t.clockAtStart().offsetMs();
            if (behind > Duration.ofSeconds(4).toMillis()) {
                stale++;
                assertTrue(snaps.get(snaps.size() - 1).guestTime().isBefore(Instant.parse(timing.get("stopIssued"))),
                        "the guest's own stamps of the last snapshots are before the stop command: the case this is about");
            }
            for (NetstatTimelineFile.Entry e : snaps) {
                assertTrue(e.elapsedMs() >= 0 && e.elapsedMs() <= t.durationMs(), t.trialId() + ": snapshot at " + e.elapsedMs()
                        + " ms is outside the trial (guest behind by " + behind + " ms)");
            }
            long last = snaps.get(snaps.size() - 1).elapsedMs();
            // the hung service is watched for the whole stop deadline after the stop command, the poller with it
            assertTrue(last > stopMs + 1500, t.trialId() + ": last snapshot at " + last + " ms, stop command at " + stopMs
                    + " ms (guest behind by " + behind + " ms)");
            long afterStop = snaps.stream().filter(e -> e.elapsedMs() > stopMs).count();
            assertTrue(afterStop >= 4, afterStop + " snapshots after the stop command");
            for (int i = 1; i < snaps.size(); i++) {
                assertTrue(snaps.get(i).elapsedMs() >= snaps.get(i - 1).elapsedMs(), "snapshots in order");
            }
        }
        assertTrue(stale >= 1, "a later trial restores a checkpoint older than a trial: " + trials);
    }

    @Test
    public void aStepInTheMiddleOfATrialIsNoPollInterval() throws Exception {
        TrialFinished t = trials.get(1);
        assertEquals(t.outcome(), Outcome.HUNG, t.toString());
        long step = t.clockAtEnd().offsetMs() - t.clockAtStart().offsetMs();
        assertTrue(t.clockStepped() && step > 3000, "time sync stepped the clock by the checkpoint's age: " + t);
        assertEquals(t.pollInterval().excluded(), 1, t.toString());
        assertTrue(t.pollInterval().maxMs() < 1500, "the step (" + step + " ms) is not an interval: " + t.pollInterval());
        Path dir = runDir.resolve("trials").resolve(t.trialId());
        assertTrue(timing(dir).get("netstatInterval").contains("1 across a step of the guest's clock left out"), timing(dir).toString());
        List<NetstatTimelineFile.Entry> snaps = NetstatTimelineFile.read(NetstatTimelineFile.find(dir).orElseThrow());
        for (int i = 1; i < snaps.size(); i++) {
            long gap = snaps.get(i).elapsedMs() - snaps.get(i - 1).elapsedMs();
            assertTrue(gap >= 0 && gap < 1500, t.trialId() + ": gap of " + gap + " ms on the controller's timeline at " + i);
        }
        assertTrue(snaps.get(0).elapsedMs() >= 0, "the first snapshot, stamped before the step, is after the trial's start");
    }
}
