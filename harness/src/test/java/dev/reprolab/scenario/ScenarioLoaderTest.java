package dev.reprolab.scenario;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.cli.Main;
import dev.reprolab.input.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class ScenarioLoaderTest {

    static Path root() {
        return Files.isDirectory(Paths.get("..", "scenarios")) ? Paths.get("..") : Paths.get(".");
    }

    static Path write(String yaml) throws Exception {
        Path dir = root().resolve("scenarios");
        Path f = Files.createTempFile(dir, "t-", ".yaml");
        f.toFile().deleteOnExit();
        Files.writeString(f, yaml);
        return f;
    }

    static final String GOOD = String.join("\n",
            "name: t",
            "apache:",
            "  zip: ../vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
            "updates:",
            "  catalog: ../vm-images/catalog.yaml",
            "  packages: ../vm-images/updates/sim",
            "patchSets:",
            "  july:",
            "    kbs: [KB4338818, KB4284826]",
            "    expect: reproduces",
            "factors:",
            "  netstat: [\"off\", 200ms]",
            "trials: 3",
            "");

    @Test
    public void shippedScenariosLoad() {
        Scenario s = ScenarioLoader.load(root().resolve("scenarios/apache-stop-hang.yaml"));
        assertEquals(s.patchSets().size(), 3);
        assertEquals(s.cells().size(), 18);
        assertEquals(s.patchSets().get(1).expectation("netstat=off,load=busy").orElseThrow(), "does-not");
        assertEquals(s.patchSets().get(1).expectation("netstat=1s,load=light").orElseThrow(), "reproduces");
        assertTrue(s.patchSets().get(1).expectation("netstat=5s,load=light").isEmpty(), "'none': reported, not judged");
        assertEquals(s.patchSets().get(0).expectation("netstat=5s,load=light").orElseThrow(), "does-not");
        // the case run's cells stop when decided: at most 5 each, freed trials to the flaky cells
        assertEquals(s.trials(), 5);
        assertEquals(s.earlyStop().orElseThrow().rateWidth(), 0.5);
        ScenarioLoader.load(root().resolve("scenarios/smoke.yaml"));
    }

    @Test
    public void kindsAreReadAsTypesWhereTheScenarioNamesThem() throws Exception {
        Scenario d = ScenarioLoader.load(write(GOOD));
        assertEquals(d.lab().fileChannel(), dev.reprolab.remote.FileChannel.WINRM);
        assertEquals(d.updates().installer(), dev.reprolab.workload.Installer.DISM);
        Scenario s = ScenarioLoader.load(write(GOOD.replace("name: t\n", "name: t\nlab:\n  fileChannel: smb\n")
                .replace("  packages: ../vm-images/updates/sim", "  packages: ../vm-images/updates/sim\n  installer: wusa-task")));
        assertEquals(s.lab().fileChannel(), dev.reprolab.remote.FileChannel.SMB);
        assertEquals(s.updates().installer(), dev.reprolab.workload.Installer.WUSA_TASK);
        Path bad = write(GOOD.replace("name: t\n", "name: t\nlab:\n  fileChannel: ftp\n"));
        BadInputException e = expectThrows(BadInputException.class, () -> ScenarioLoader.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":3:16:"), e.getMessage());
    }

    @Test
    public void sortsKbsInCatalogOrderAndBuildsCells() throws Exception {
        Scenario s = ScenarioLoader.load(write(GOOD));
        assertEquals(s.patchSets().get(0).kbs(), java.util.List.of("KB4284826", "KB4338818"));
        assertEquals(s.cells().get(0).id(), "netstat=off,load=default");
        assertEquals(s.cells().get(1).netstat().orElseThrow(), Duration.ofMillis(200));
    }

    @DataProvider
    public Object[][] bad() {
        return new Object[][] {
            {GOOD.replace("KB4338818, KB4284826", "KB4338818, KB9999999"), ":9:", "KB9999999 is not in the catalog"},
            {GOOD.replace("trials: 3", "trails: 3"), ":13:1:", "unknown key 'trails' (did you mean 'trials'?)"},
            {GOOD.replace("200ms]", "200 msec]"), ":12:", "does not match"},
            {GOOD.replace("trials: 3", "trials: three"), ":13:9:", "string found, [integer, object] expected"},
            {GOOD + "password: hunter2\n", ":14:1:", "secrets never go in a scenario"},
            {GOOD.replace("httpd-2.4.34", "httpd-9.9"), ":3:8:", "not found"},
            {GOOD.replace("  netstat: [\"off\", 200ms]", "  netstat: [off]"), ":12:", "boolean found, string expected"},
            {GOOD.replace("trials: 3", "trials: {max: 7, stop: sometimes}"), ":13:24:", "not have a value in the enumeration [\"when-decided\", \"never\"]"},
            {GOOD.replace("trials: 3", "trials: {stop: when-decided}"), ":13:", "max"},
            {GOOD.replace("patchSets:", "patchSets: [").replace("trials: 3", ""), ":", "not valid YAML"},
        };
    }

    @Test(dataProvider = "bad")
    public void badInputGivesALinePerErrorWithFileLineColumn(String yaml, String where, String what) throws Exception {
        Path f = write(yaml);
        BadInputException e = expectThrows(BadInputException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().startsWith(f.toString() + where), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        // a misspelt required key is two errors: the unknown key, and the key that is missing
        assertEquals(e.getMessage().lines().count(), yaml.contains("trails:") ? 2L : 1L, e.getMessage());
    }

    @Test
    public void cellsThatStopWhenDecided() throws Exception {
        Scenario s = ScenarioLoader.load(write(GOOD.replace("trials: 3", "trials: {max: 7, stop: when-decided, rateWidth: 0.25}")));
        assertEquals(s.trials(), 7);
        assertEquals(s.earlyStop().orElseThrow(), new dev.reprolab.stats.EarlyStop(s.minRate(), 0.25));
        assertEquals(ScenarioLoader.load(write(GOOD.replace("trials: 3", "trials: {max: 7, stop: when-decided}"))).earlyStop()
                .orElseThrow().rateWidth(), 0.3);
        assertTrue(ScenarioLoader.load(write(GOOD.replace("trials: 3", "trials: {max: 7}"))).earlyStop().isEmpty());
        assertTrue(ScenarioLoader.load(write(GOOD)).earlyStop().isEmpty());
    }

    @Test
    public void validateExitsTwoWithTheErrorAndZeroWhenFine() throws Exception {
        Path bad = write(GOOD.replace("trials: 3", "trials: 0"));
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            assertEquals(Main.execute("validate", bad.toString()), 2);
        } finally {
            System.setErr(err);
        }
        assertTrue(buf.toString().startsWith("lab: " + bad + ":13:9:"), buf.toString());
        assertEquals(Main.execute("validate", write(GOOD).toString()), 0);
        assertEquals(Main.execute("run", bad.toString()), 2, "nothing is started for a bad scenario");
    }
}
