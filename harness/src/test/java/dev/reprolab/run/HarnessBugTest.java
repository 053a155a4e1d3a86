package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.LabException;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * A RuntimeException from our own code is a bug: it fails the run with that exception, it is never recorded as an
 * infrastructure error (which would make a harness bug look like a flaky lab). Lab and transport failures stay
 * infrastructure errors.
 */
public class HarnessBugTest {

    @Test
    public void aBugInsideATrialFailsTheRunAndIsNotRecordedAsInfrastructure() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("../scenarios/smoke.yaml"));
        Path runDir = Files.createTempDirectory("bug").resolve("run");
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false)) {
            TrialRecorder buggy = new TrialRecorder() {
                @Override
                public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
                }

                @Override
                public void trialStarted(TrialSpec trial, String vm) {
                }

                @Override
                public void phase(TrialSpec trial, String phase) {
                    if (phase.startsWith("load")) {
                        String missing = null;
                        missing.length(); // the bug
                    }
                }

                @Override
                public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
                }
            };
            LabRun run = new LabRun(s, lab, runDir, Clock.systemUTC(), l -> { }).start(1, buggy);
            expectThrows(NullPointerException.class, () -> run.runTrials(t -> true));
        }
        assertEquals(LabRunResumeIT.finished(runDir).size(), 0,
                "the trial the bug hit is not finished (no infrastructure error recorded); --resume runs it again");
    }

    @Test
    public void aBugInALineHandlerComesOutAsItselfNotAsATransportFailure() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("../scenarios/smoke.yaml"));
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false);
             Guest g = new WinRmGuest(lab.address(lab.vms().get(0), Duration.ofMinutes(1)))) {
            IllegalStateException bug = expectThrows(IllegalStateException.class,
                    () -> g.run("echo hello", Duration.ofSeconds(30), line -> {
                        throw new IllegalStateException("handler bug");
                    }));
            assertEquals(bug.getMessage(), "handler bug");
            // a transport failure is still the lab's: a guest that stops answering
            lab.lab().node(lab.vms().get(0)).orElseThrow().endpoint().goOffline();
            expectThrows(LabException.class, () -> g.run("echo hello", Duration.ofSeconds(5), line -> { }));
        }
    }
}
