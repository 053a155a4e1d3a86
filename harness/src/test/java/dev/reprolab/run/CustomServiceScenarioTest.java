package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.cli.Main;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.StepFinished;
import dev.reprolab.journal.TrialFinished;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The README's custom service scenario, taken from the README itself, runs on the simulated lab end to end; the same
 * scenario with a broken step stops with the step's own words, where it is defined, and exit code 2.
 */
public class CustomServiceScenarioTest {

    static Path root() {
        return Files.isDirectory(Paths.get("..", "scenarios")) ? Paths.get("..") : Paths.get(".");
    }

    static String readmeExample() throws Exception {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- custom-service-example -->");
        int end = readme.indexOf("<!-- /custom-service-example -->");
        assertTrue(start > 0 && end > start, "the README carries the example between its markers");
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```yaml\n") + 8, block.lastIndexOf("```"));
    }

    static Path scenario(String yaml) throws Exception {
        Path f = Files.createTempFile(root().resolve("scenarios"), "my-service-", ".yaml");
        f.toFile().deleteOnExit();
        Files.writeString(f, yaml);
        return f;
    }

    static int run(Path scenario, Path out, StringBuilder err) {
        PrintStream saved = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            return Main.execute("run", scenario.toString(), "--out", out.toString());
        } finally {
            System.setErr(saved);
            err.append(b.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void theReadmesServiceScenarioRunsItsStepsAndMeetsItsExpectation() throws Exception {
        Path f = scenario(readmeExample());
        Path out = Files.createTempDirectory("custom-service");
        StringBuilder err = new StringBuilder();
        assertEquals(run(f, out, err), 0, err.toString());
        Path runDir;
        try (var dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<StepFinished> steps = Journal.events(runDir, StepFinished.class);
        assertTrue(steps.stream().anyMatch(e -> e.hook().equals("install") && e.exitCode() == 0));
        assertTrue(steps.stream().anyMatch(e -> e.hook().equals("prepare") && e.step().equals("evidence folder")));
        assertTrue(steps.stream().filter(e -> e.hook().equals("observe")).count() >= 3, "observe runs in every trial");
        assertTrue(steps.stream().allMatch(e -> e.definedAt().startsWith(f + ":")));
        List<TrialFinished> trials = Journal.events(runDir, TrialFinished.class);
        assertEquals(trials.size(), 3);
        assertTrue(trials.stream().allMatch(e -> e.outcome() == Outcome.RESTART_FAILED
                && e.reason().contains("Tcp port is already in use.")), trials.toString());
        Path trial = runDir.resolve("trials").resolve(trials.get(0).trialId());
        String observe = Files.readString(trial.resolve("steps/observe-1.txt"));
        assertTrue(observe.contains("> netstat -ano -p tcp  (exit 0)") && observe.contains(":1433"), observe);
        assertTrue(Files.readString(trial.resolve("restart.txt")).contains("Tcp port is already in use."));
    }

    @Test
    public void aFailingStepStopsTheRunNamingTheStepWhereItIsDefinedAndItsOwnError() throws Exception {
        String yaml = readmeExample().replace("      cmd: sc queryex MySvc\n", "      cmd: sc queryex MySvcTypo\n");
        Path f = scenario(yaml);
        int line = (int) yaml.substring(0, yaml.indexOf("    - name: the service before the start")).lines().count() + 1;
        StringBuilder err = new StringBuilder();
        assertEquals(run(f, Files.createTempDirectory("custom-service-bad"), err), 2, err.toString());
        String message = err.toString().lines().filter(l -> l.startsWith("lab: scenario error: ")).findFirst().orElseThrow(() -> new AssertionError(err.toString()));
        assertTrue(message.startsWith("lab: scenario error: " + f + ":" + line + ":7: step beforeTrial 'the service before the start' (cmd)"
                + " failed with exit code 1060: 'sc queryex MySvcTypo': "), message);
        assertTrue(message.contains("The specified service does not exist as an installed service."), message);
    }
}
