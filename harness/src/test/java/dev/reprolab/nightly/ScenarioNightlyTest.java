package dev.reprolab.nightly;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.fail;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackends;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.stats.Verdict;
import io.qameta.allure.Allure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The nightly job: a scenario's cells as TestNG tests, one per patch set × factor combination, on the simulated lab
 * by default or a real one ({@code -Dlab=hyperv -Dlab.config=FILE}); the scenario with {@code -Dscenario=FILE}
 * (default scenarios/smoke.yaml). A test passes when its cell meets its expectation, fails when it does not, and is
 * skipped (Allure: "infrastructure") when infrastructure errors left it undecided.
 */
public class ScenarioNightlyTest {

    private Scenario scenario;
    private LabBackend lab;
    private LabRun run;

    static Path root() {
        return Files.isDirectory(Paths.get("..", "scenarios")) ? Paths.get("..") : Paths.get(".");
    }

    @BeforeClass
    public void openLab() {
        scenario = ScenarioLoader.load(Path.of(System.getProperty("scenario", root().resolve("scenarios/smoke.yaml").toString())));
        String backend = System.getProperty("lab", scenario.lab().backend());
        lab = backend.equals("sim")
                ? SimBackends.start(Catalog.load(scenario.updates().catalog()), scenario.lab().guests(), SimBackends.tempRoot(), false)
                : LabBackends.open(backend, Optional.ofNullable(System.getProperty("lab.config")).map(Path::of));
        Clock clock = Clock.systemUTC();
        run = new LabRun(scenario, lab, LabRun.newRunDir(root().resolve("reports/runs"), scenario, clock), clock, System.out::println)
                .start(Integer.getInteger("trials", scenario.trials()), dev.reprolab.trial.TrialRecorder.NONE);
    }

    @DataProvider
    public Object[][] cells() {
        if (scenario == null) {
            openLab();
        }
        return scenario.cells().stream().map(c -> new Object[] {c.patchSet().name(), c.id()}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "cells")
    public void cellMeetsItsExpectation(String patchSet, String cell) {
        String testCase = Allure.getLifecycle().getCurrentTestCase().orElseThrow();
        run.recorder(new AllureTrialRecorder(Allure.getLifecycle(), testCase, run.runDir()));
        run.runTrials(t -> t.patchSet().equals(patchSet) && t.cell().equals(cell));
        Results.CellResult r = run.results().stream().filter(c -> c.patchSet().equals(patchSet) && c.cell().equals(cell))
                .findFirst().orElseThrow();
        Allure.addAttachment("cell result", "text/plain", Results.table(List.of(r)));
        if (r.expectation().isEmpty()) {
            throw new SkipException("no expectation for " + patchSet + " " + cell + ": " + r.verdict().label());
        }
        if (r.verdict() == Verdict.UNDECIDED) {
            throw new SkipException("infrastructure: undecided after " + r.counted() + " counted trials and "
                    + r.infraErrors() + " infrastructure errors");
        }
        if (!r.met().orElse(false)) {
            fail(r.verdict() == Verdict.REPRODUCES
                    ? "reproduced unexpectedly: " + r.reproduced() + "/" + r.counted() + " trials hung"
                    : "did not reproduce: 0/" + r.counted() + " trials hung (expected " + r.expectation().get() + ")");
        }
        assertEquals(r.verdict().label(), r.expectation().get());
    }

    @AfterClass(alwaysRun = true)
    public void closeLab() {
        try {
            if (run != null) {
                run.finish();
                NightlyAllureFiles.write(scenario, lab.name());
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }
}
