package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Bad input, tried the way a new user tries it: every malformed scenario, lab config or argument is refused by the
 * validation pass before anything starts — exit 2, one line on stderr ({@code file:line:col} when it comes from a
 * file), no run directory, no lab started (the simulated lab prints a line when it starts; hyperv and azure would
 * fail with exit 3 trying to reach a lab that is not there).
 */
public class BadInputTest {

    private static final Pattern LOCATED = Pattern.compile("^lab: \\S+:\\d+:\\d+: .+");

    private Path dir;
    private String repo;

    @BeforeClass
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("badinput");
        repo = Path.of("..").toAbsolutePath().normalize().toString();
    }

    /** The smoke scenario's essentials with absolute paths, and {@code edit} applied as (from, to) pairs. */
    private String scenario(String... edit) {
        String s = String.join("\n",
                "name: bad",
                "apache:",
                "  zip: " + repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                "updates:",
                "  catalog: " + repo + "/vm-images/catalog.yaml",
                "  packages: " + repo + "/vm-images/updates/sim",
                "patchSets:",
                "  june-2018:",
                "    kbs: [KB4284826]",
                "    expect: does-not",
                "factors:",
                "  netstat: [200ms]",
                "trials: 1",
                "deadlines:",
                "  stop: 4s",
                "");
        for (int i = 0; i < edit.length; i += 2) {
            if (!s.contains(edit[i])) {
                throw new IllegalArgumentException("no '" + edit[i] + "' in the template");
            }
            s = s.replace(edit[i], edit[i + 1]);
        }
        return s;
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path bytes(String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    private String good() throws Exception {
        Path p = dir.resolve("good.yaml");
        if (!Files.exists(p)) {
            file("good.yaml", scenario());
        }
        return p.toString();
    }

    private Path zip(String name, String... entries) throws Exception {
        Path z = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write("x".getBytes(StandardCharsets.US_ASCII));
                out.closeEntry();
            }
        }
        return z;
    }

    private static final String HV = String.join("\n",
            "host: {address: 127.0.0.1, port: 5985, username: admin, passwordEnv: PATH}",
            "guest: {username: Administrator, passwordEnv: PATH}",
            "vms:",
            "  - name: w2k8r2-01",
            "timeouts: {lab: 1m}",
            "");

    private static final String AZ = String.join("\n",
            "subscriptionId: 00000000-0000-0000-0000-000000000000",
            "tenantId: 11111111-1111-1111-1111-111111111111",
            "image: /subscriptions/0/resourceGroups/g/providers/Microsoft.Compute/images/ws2008r2",
            "vms: 1",
            "admin: {username: labadmin, passwordEnv: PATH}",
            "controllerAddress: 203.0.113.7/32",
            "");

    private String[] hyperv(String name, String config) throws Exception {
        return new String[] {"run", good(), "--lab", "hyperv", "--lab-config", file(name, config).toString()};
    }

    private String[] azure(String name, String config) throws Exception {
        return new String[] {"run", good(), "--lab", "azure", "--lab-config", file(name, config).toString()};
    }

    private String[] run(String name, String yaml) throws Exception {
        return new String[] {"run", file(name, yaml).toString()};
    }

    /** {case, args, must the line carry file:line:col, text the line must contain}. */
    @DataProvider
    public Object[][] cases() throws Exception {
        List<Object[]> c = new ArrayList<>();
        // scenarios
        c.add(new Object[] {"patch set named ../x", run("dotdot.yaml", scenario("  june-2018:", "  ../x:")), true, "not a safe name"});
        c.add(new Object[] {"patch set named a/b", run("slash.yaml", scenario("  june-2018:", "  a/b:")), true, "not a safe name"});
        c.add(new Object[] {"same KB twice", run("twice.yaml", scenario("[KB4284826]", "[KB4284826, KB4284826]")), true, "listed twice"});
        c.add(new Object[] {"netstat interval 0ms", run("ns0.yaml", scenario("[200ms]", "[0ms]")), true, "\"off\""});
        c.add(new Object[] {"netstat interval 0s", run("ns0s.yaml", scenario("[200ms]", "[\"off\", 0s]")), true, "\"off\""});
        c.add(new Object[] {"netstat interval twice", run("ns2.yaml", scenario("[200ms]", "[200ms, 200ms]")), true, "listed twice"});
        c.add(new Object[] {"stop deadline 0s", run("stop0.yaml", scenario("stop: 4s", "stop: 0s")), true, "no time"});
        c.add(new Object[] {"port 0", run("port0.yaml", scenario("apache:\n", "apache:\n  port: 0\n")), true, "minimum"});
        c.add(new Object[] {"port 70000", run("port7.yaml", scenario("apache:\n", "apache:\n  port: 70000\n")), true, "maximum"});
        c.add(new Object[] {"guests 0 in the scenario", run("g0.yaml", scenario("trials: 1", "trials: 1\nlab: {guests: 0}")), true, "minimum"});
        c.add(new Object[] {"trials 0", run("t0.yaml", scenario("trials: 1", "trials: 0")), true, "minimum"});
        c.add(new Object[] {"zip with a ../ entry", run("slip.yaml", scenario(repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                zip("slip.zip", "Apache24/bin/httpd.exe", "../../evil.dll").toString())), true, "outside the target"});
        c.add(new Object[] {"zip with an absolute entry", run("abs.yaml", scenario(repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                zip("abs.zip", "Apache24/bin/httpd.exe", "/etc/evil").toString())), true, "outside the target"});
        c.add(new Object[] {"zip without httpd.exe", run("nohttpd.yaml", scenario(repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                zip("nohttpd.zip", "readme.txt").toString())), true, "no bin/httpd.exe"});
        c.add(new Object[] {"zip that is text", run("notzip.yaml", scenario(repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                file("notzip.zip", "hello").toString())), true, "not a readable zip"});
        c.add(new Object[] {"zip that is a directory", run("zipdir.yaml", scenario(repo + "/vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip",
                dir.toString())), true, "is a directory"});
        c.add(new Object[] {"catalog that is a directory", run("catdir.yaml", scenario(repo + "/vm-images/catalog.yaml", dir.toString())),
                true, "is a directory"});
        c.add(new Object[] {"packages that is a file", run("pkgfile.yaml", scenario(repo + "/vm-images/updates/sim", repo + "/vm-images/catalog.yaml")),
                true, "not a directory"});
        c.add(new Object[] {"lab config that is a directory", run("cfgdir.yaml", scenario("trials: 1", "trials: 1\nlab: {backend: hyperv, config: " + dir + "}")),
                true, "is a directory"});
        c.add(new Object[] {"catalog with a YAML syntax error", run("catbad.yaml", scenario(repo + "/vm-images/catalog.yaml",
                file("catalog.yaml", "updates:\n  - id: KB4284826\n    title: [unclosed\n").toString())), true, "not valid YAML"});
        c.add(new Object[] {"YAML syntax error", run("syntax.yaml", scenario("trials: 1", "trials: [1, 2")), true, "not valid YAML"});
        c.add(new Object[] {"tab indentation", run("tab.yaml", scenario("  netstat: [200ms]", "\tnetstat: [200ms]")), true, "not valid YAML"});
        c.add(new Object[] {"UTF-16 scenario", new String[] {"run", bytes("utf16.yaml", scenario().getBytes(StandardCharsets.UTF_16)).toString()},
                false, "UTF-16"});
        c.add(new Object[] {"UTF-16LE scenario without BOM", new String[] {"run", bytes("utf16le.yaml",
                scenario().getBytes(StandardCharsets.UTF_16LE)).toString()}, false, "UTF-16"});
        c.add(new Object[] {"binary scenario", new String[] {"run", bytes("bin.yaml", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}).toString()},
                false, "binary"});
        c.add(new Object[] {"Latin-1 scenario", new String[] {"run", bytes("latin1.yaml",
                scenario("name: bad", "name: bad\ndescription: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1)).toString()}, true, "not UTF-8"});
        c.add(new Object[] {"scenario that is a directory", new String[] {"run", dir.toString()}, false, "is a directory"});
        c.add(new Object[] {"empty scenario", run("empty.yaml", ""), true, "empty"});
        // arguments
        c.add(new Object[] {"--guests 0", new String[] {"run", good(), "--guests", "0"}, false, "--guests"});
        c.add(new Object[] {"--guests -3", new String[] {"run", good(), "--guests", "-3"}, false, "--guests"});
        c.add(new Object[] {"--guests 99", new String[] {"run", good(), "--guests", "99"}, false, "--guests"});
        c.add(new Object[] {"--trials 0", new String[] {"run", good(), "--trials", "0"}, false, "--trials"});
        c.add(new Object[] {"--guests x", new String[] {"run", good(), "--guests", "x"}, false, "--guests"});
        c.add(new Object[] {"--out is a file", new String[] {"run", good(), "--out", file("afile", "x").toString()}, false, "--out"});
        c.add(new Object[] {"--resume without a journal", new String[] {"run", good(), "--resume", dir.toString()}, false, "not a run directory"});
        c.add(new Object[] {"--lab nosuch", new String[] {"run", good(), "--lab", "nosuch"}, false, "unknown lab backend"});
        c.add(new Object[] {"--lab hyperv without a config", new String[] {"run", good(), "--lab", "hyperv"}, false, "--lab-config"});
        c.add(new Object[] {"trial --trials 0", new String[] {"trial", good(), "--patch-set", "june-2018", "--trials", "0"}, false, "--trials"});
        String bisect = repo + "/scenarios/apache-stop-hang.yaml";
        c.add(new Object[] {"bisect --confidence 1.5", new String[] {"bisect", bisect, "--good", "base", "--bad", "KB4338818", "--confidence", "1.5"},
                false, "--confidence"});
        c.add(new Object[] {"bisect --confidence 0", new String[] {"bisect", bisect, "--good", "base", "--bad", "KB4338818", "--confidence", "0"},
                false, "--confidence"});
        c.add(new Object[] {"bisect --confidence 1", new String[] {"bisect", bisect, "--good", "base", "--bad", "KB4338818", "--confidence", "1"},
                false, "--confidence"});
        c.add(new Object[] {"bisect --budget 0", new String[] {"bisect", bisect, "--good", "base", "--bad", "KB4338818", "--budget", "0"},
                false, "--budget"});
        c.add(new Object[] {"bisect --rate 8/7", new String[] {"bisect", bisect, "--good", "base", "--bad", "KB4338818", "--rate", "8/7"},
                false, "--rate"});
        // Hyper-V lab configs
        c.add(new Object[] {"hyperv: YAML syntax error", hyperv("hv-syntax.yaml", "host: {address: x\nvms: [\n"), true, "not valid YAML"});
        c.add(new Object[] {"hyperv: unknown key", hyperv("hv-key.yaml", HV + "hostt: 1\n"), true, "unknown key 'hostt'"});
        c.add(new Object[] {"hyperv: no host address", hyperv("hv-noaddr.yaml", HV.replace("address: 127.0.0.1, ", "")), true, "host.address"});
        c.add(new Object[] {"hyperv: port 70000", hyperv("hv-port.yaml", HV.replace("port: 5985", "port: 70000")), true, "1-65535"});
        c.add(new Object[] {"hyperv: port is text", hyperv("hv-porttext.yaml", HV.replace("port: 5985", "port: eighty")), true, "whole number"});
        c.add(new Object[] {"hyperv: port forward to 0", hyperv("hv-fwd.yaml", HV.replace("  - name: w2k8r2-01", "  - name: w2k8r2-01\n    portForwards: {80: 0}")),
                true, "1-65535"});
        c.add(new Object[] {"hyperv: short fingerprint", hyperv("hv-sha.yaml", HV.replace("port: 5985,", "port: 5985, https: true, certificateSha256: ab12cd,")),
                true, "64 hex digits"});
        c.add(new Object[] {"hyperv: SHA-1 fingerprint", hyperv("hv-sha1.yaml", HV.replace("port: 5985,",
                "port: 5985, https: true, certificateSha256: 0123456789abcdef0123456789abcdef01234567,")), true, "SHA-1"});
        c.add(new Object[] {"hyperv: no vms", hyperv("hv-novms.yaml", HV.replace("  - name: w2k8r2-01\n", "").replace("vms:", "vms: []")), true, "at least one VM"});
        c.add(new Object[] {"hyperv: VM twice", hyperv("hv-vm2.yaml", HV.replace("  - name: w2k8r2-01", "  - name: w2k8r2-01\n  - name: W2K8R2-01")),
                true, "listed twice"});
        c.add(new Object[] {"hyperv: literal password", hyperv("hv-pw.yaml", HV.replaceFirst(java.util.regex.Pattern.quote("passwordEnv: PATH}"), "password: hunter2}")), true, "secret"});
        c.add(new Object[] {"hyperv: unset variable", hyperv("hv-env.yaml", HV.replace("guest: {username: Administrator, passwordEnv: PATH}",
                "guest: {username: Administrator, passwordEnv: REPROLAB_SURELY_UNSET_VARIABLE}")), true, "not set"});
        c.add(new Object[] {"hyperv: bad duration", hyperv("hv-dur.yaml", HV.replace("lab: 1m", "lab: 5x")), true, "not a duration"});
        c.add(new Object[] {"hyperv: zero deadline", hyperv("hv-dur0.yaml", HV.replace("lab: 1m", "lab: 0s")), true, "longer than zero"});
        c.add(new Object[] {"hyperv: config UTF-16", new String[] {"run", good(), "--lab", "hyperv", "--lab-config",
                bytes("hv-utf16.yaml", HV.getBytes(StandardCharsets.UTF_16)).toString()}, false, "UTF-16"});
        c.add(new Object[] {"hyperv: config is a directory", new String[] {"run", good(), "--lab", "hyperv", "--lab-config", dir.toString()},
                false, "is a directory"});
        c.add(new Object[] {"hyperv: config missing", new String[] {"run", good(), "--lab", "hyperv", "--lab-config", dir.resolve("nope.yaml").toString()},
                false, "not found"});
        // Azure lab configs (nothing may be dialled)
        c.add(new Object[] {"azure: YAML syntax error", azure("az-syntax.yaml", AZ + "keep: [\n"), true, "not valid YAML"});
        c.add(new Object[] {"azure: vms 0", azure("az-vms.yaml", AZ.replace("vms: 1", "vms: 0")), true, "between 1 and 50"});
        c.add(new Object[] {"azure: subscription not a GUID", azure("az-sub.yaml", AZ.replace("00000000-0000-0000-0000-000000000000", "my-sub")),
                true, "GUID"});
        c.add(new Object[] {"azure: short ARM fingerprint", azure("az-sha.yaml", AZ + "resourceManagerCertificateSha256: abcd\n"), true, "64 hex digits"});
        c.add(new Object[] {"azure: http endpoint", azure("az-http.yaml", AZ + "resourceManagerEndpoint: http://127.0.0.1:1/\n"), true, "https"});
        c.add(new Object[] {"azure: controller not an address", azure("az-ctl.yaml", AZ.replace("203.0.113.7/32", "my laptop")), true, "CIDR"});
        c.add(new Object[] {"azure: literal client secret", azure("az-cs.yaml", AZ + "credential: {type: clientSecret, clientId: x, clientSecret: s}\n"),
                true, "secret"});
        return c.toArray(new Object[0][]);
    }

    @Test(dataProvider = "cases")
    public void refusedBeforeAnythingStarts(String name, String[] args, boolean located, String says) throws Exception {
        Path out = dir.resolve("runs-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--out") && !all.get(0).equals("validate")) {
            all.add("--out");
            all.add(out.toString());
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = Main.execute(all.toArray(new String[0]));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String err = e.toString(StandardCharsets.UTF_8);
        String shown = name + ": stderr [" + err + "] stdout [" + o.toString(StandardCharsets.UTF_8) + "]";
        assertEquals(exit, Main.EXIT_USAGE, shown);
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(lines.size(), 1, "one line: " + shown);
        assertTrue(lines.get(0).startsWith("lab: "), shown);
        if (located) {
            assertTrue(LOCATED.matcher(lines.get(0)).matches(), "file:line:col: " + shown);
        }
        assertTrue(lines.get(0).contains(says), "says '" + says + "': " + shown);
        assertFalse(lines.get(0).contains("Input length"), shown);
        assertFalse(Files.exists(out), "no run directory: " + shown);
        assertFalse(o.toString(StandardCharsets.UTF_8).contains("starting the simulated lab"), "no lab started: " + shown);
        assertFalse(o.toString(StandardCharsets.UTF_8).contains("run directory:"), "no run directory: " + shown);
    }

    @Test
    public void theTemplateItselfIsGood() throws Exception {
        assertEquals(Main.execute("validate", good()), 0);
    }
}
