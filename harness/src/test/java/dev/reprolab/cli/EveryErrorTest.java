package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The validation pass reports every error it finds, one {@code lab: file:line:col: ...} line each, and exits 2 with
 * nothing started: a user fixes a scenario in one go, not one run per mistake.
 */
public class EveryErrorTest {

    private static final Pattern LOCATED = Pattern.compile("^lab: (\\S+):(\\d+):(\\d+): .+");

    private Path dir;
    private String repo;

    @BeforeClass
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("everyerror");
        repo = Path.of("..").toAbsolutePath().normalize().toString();
    }

    private Path scenario(String name, String... lines) throws Exception {
        String head = String.join("\n",
                "name: bad",
                "apache:",
                "  zip: " + repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                "updates:",
                "  catalog: " + repo + "/vm-images/catalog.yaml",
                "  packages: " + repo + "/vm-images/updates/sim",
                "");
        return Files.writeString(dir.resolve(name), head + String.join("\n", lines) + "\n");
    }

    /** The {@code lab:} lines of stderr, checking each is located in {@code file}; returns their line numbers. */
    private static List<Integer> located(CliRun r, Path file) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("lab: ")).toList();
        return lines.stream().map(l -> {
            var m = LOCATED.matcher(l);
            assertTrue(m.matches(), "one located line per error: " + l);
            assertEquals(m.group(1), file.toString(), l);
            return Integer.parseInt(m.group(2));
        }).toList();
    }

    @Test
    public void everySchemaErrorInFileOrder() throws Exception {
        Path f = scenario("schema.yaml",
                "patchSets:",
                "  june-2018:",
                "    kbs: [KB4284826]",
                "    expct: does-not",
                "factors:",
                "  netstat: [200ms]",
                "trials: 0",
                "lab: {guests: 0}");
        CliRun r = CliRun.of("validate", f.toString());
        assertEquals(r.exit(), 2, r.err());
        assertEquals(located(r, f), List.of(10, 13, 14), r.err());
        assertTrue(r.err().contains("unknown key 'expct' (did you mean 'expect'?)"), r.err());
    }

    @Test
    public void everyMeaningErrorOfTheScenario() throws Exception {
        Path f = scenario("meaning.yaml",
                "patchSets:",
                "  june-2018:",
                "    kbs: [KB4284826, KB9999999, KB4284826]",
                "factors:",
                "  netstat: [200ms, 200ms]",
                "trials: 1",
                "deadlines:",
                "  stop: 0s",
                "  boot: 0s");
        Path out = Files.createDirectories(dir.resolve("runs"));
        CliRun r = CliRun.of("run", f.toString(), "--out", out.toString());
        assertEquals(r.exit(), 2, r.err());
        String err = r.err();
        assertEquals(located(r, f), List.of(9, 9, 11, 14, 15), err);
        assertTrue(err.contains("KB9999999 is not in the catalog"), err);
        assertTrue(err.contains("KB4284826 is listed twice"), err);
        assertTrue(err.contains("netstat interval 200ms is listed twice"), err);
        assertTrue(err.contains("a stop deadline of 0s leaves no time at all"), err);
        assertTrue(err.contains("a boot deadline of 0s leaves no time at all"), err);
        try (Stream<Path> runs = Files.list(out)) {
            assertEquals(runs.count(), 0L, "no run directory");
        }
        assertTrue(!r.out().contains("simulated lab"), "no lab started: " + r.out());
    }

    @Test
    public void scenarioAndArgumentErrorsTogether() throws Exception {
        Path f = scenario("args.yaml",
                "patchSets:",
                "  june-2018:",
                "    kbs: [KB9999999]",
                "trials: 1");
        CliRun r = CliRun.of("run", f.toString(), "--trials", "0", "--resume", dir.toString());
        assertEquals(r.exit(), 2, r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("lab: ")).toList();
        assertEquals(lines.size(), 3, r.err());
        assertTrue(LOCATED.matcher(lines.get(0)).matches() && lines.get(0).contains("KB9999999"), lines.get(0));
        assertTrue(lines.get(1).contains("not a run directory"), r.err());
        assertEquals(lines.get(2), "lab: --trials must be at least 1");
    }

    @Test
    public void validateChecksEveryFile() throws Exception {
        Path a = scenario("a.yaml", "patchSets:", "  june-2018:", "    kbs: [KB9999999]", "trials: 1");
        Path b = scenario("b.yaml", "patchSets:", "  june-2018:", "    kbs: [KB4284826]", "trials: 1", "factors: {netstat: [0s]}");
        CliRun r = CliRun.of("validate", a.toString(), b.toString());
        assertEquals(r.exit(), 2, r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("lab: ")).toList();
        assertEquals(lines.size(), 2, r.err());
        assertTrue(lines.get(0).startsWith("lab: " + a + ":"), lines.get(0));
        assertTrue(lines.get(1).startsWith("lab: " + b + ":"), lines.get(1));
    }

    @Test
    public void everyErrorOfAHyperVLabConfig() throws Exception {
        Path good = scenario("good.yaml", "patchSets:", "  june-2018:", "    kbs: [KB4284826]", "trials: 1");
        Path config = Files.writeString(dir.resolve("lab.yaml"), String.join("\n",
                "host:",
                "  address: hv01.lab.example",
                "  port: 0",
                "  passwordEnv: LAB_PW",
                "guest:",
                "  password: hunter2",
                "  certificateSha256: ABCD",
                "vms:",
                "  - name: lab-01",
                "  - name: LAB-01",
                "    port: 70000",
                "timeouts: {lab: 0s}",
                ""));
        Path out = Files.createDirectories(dir.resolve("hyperv-runs"));
        CliRun r = CliRun.of("run", good.toString(), "--lab", "hyperv", "--lab-config", config.toString(), "--out", out.toString());
        assertEquals(r.exit(), 2, r.err());
        List<Integer> at = located(r, config);
        assertEquals(at, List.of(3, 4, 6, 7, 10, 11, 12), r.err()); // port, unset variable, secret, fingerprint, twice, port, 0s
        assertTrue(!r.err().contains("hunter2"), "the secret is not echoed: " + r.err());
        try (Stream<Path> runs = Files.list(out)) {
            assertEquals(runs.count(), 0L, "no run directory");
        }
    }
}
