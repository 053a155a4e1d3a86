package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.report.bundle.BundleVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** {@code lab investigate} on the simulated lab: reproduce, cause and fix bisects, summary, verified bundle, resume. */
public class InvestigateCommandIT {

    static Path scenario(String name) {
        Path p = Paths.get("..", "scenarios", name);
        return Files.exists(p) ? p : Paths.get("scenarios", name);
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.execute(args);
            return rc + "\n" + buf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    private static long trials(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).mapToLong(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.contains("\"trial-finished\"")).count();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    @Test
    public void namesCauseAndFixWritesAVerifiedBundleAndResumesWithoutNewTrials() throws Exception {
        Path out = Files.createTempDirectory("investigate");
        String first = run("investigate", scenario("investigate-smoke.yaml").toString(), "--out", out.toString());
        assertTrue(first.startsWith("0\n"), first);
        assertTrue(first.contains("first bad: KB4338818 (confidence "), first);
        assertTrue(first.contains("first fixed: KB4345459 (confidence "), first);
        assertTrue(first.contains("verify: OK"), first);
        Path dir;
        try (Stream<Path> s = Files.list(out)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String summary = Files.readString(dir.resolve("case-summary.md"));
        // June vs July vs the fix, side by side, as the guests reported their drivers after preparing each level
        assertTrue(summary.contains("| tcpip.sys on the guest | 6.1.7601.24150 | 6.1.7601.24168 | 6.1.7601.24172 | **yes** |"), summary);
        assertTrue(summary.contains("| afd.sys on the guest | 6.1.7601.17514 | 6.1.7601.17514 | 6.1.7601.17514 |  |"), summary);
        assertTrue(summary.contains("| updates installed | KB4284826 | + KB4338818 | + KB4345459 | yes |"), summary);
        assertTrue(summary.contains("| probe settings | netstat -ano every 200ms, load busy (4 clients"), summary);
        assertTrue(summary.contains("The same signature at every bad level"), summary);
        // each bisect level's counts with their interval, next to the patch sets'
        assertTrue(summary.matches("(?s).*\\| cause bisect \\| L06-KB4284826 \\| netstat=200ms,load=busy \\| 0/[1-9] \\| 0–[0-9]+ % \\|.*"), summary);
        assertTrue(summary.matches("(?s).*\\| patch set july-2018 \\| KB4338818 \\| netstat=200ms,load=busy \\| [1-5]/5 \\| [0-9]+–[0-9]+ % \\| reproduces \\|.*"),
                summary);
        // one debugger excerpt: the hung thread's stack down to the wait in tcpip
        assertTrue(summary.matches("(?s).*Debugger excerpt, trial `july-2018\\.[^`]+` \\(`trials/[^`]+/triage-[a-z]+\\.log`\\):\n\n```\n"
                + ".*tcpip!TcpTlListenerCloseEndpoint\\+0x6a.*afd!AfdCloseTransportEndpoint.*```.*"), summary);
        assertTrue(summary.contains("one netstat polling level), so there is no dose-response"), summary);
        assertTrue(summary.contains("```\n./lab investigate " + scenario("investigate-smoke.yaml") + "\n```"), summary);
        assertTrue(summary.matches("(?s).*\\| \\*\\*total\\*\\* \\| 1[5-9] \\| [0-9.]+ \\| [0-9.]+ \\|.*"), summary);
        String html = Files.readString(dir.resolve("case-summary.html"));
        assertTrue(html.contains("<td>tcpip.sys on the guest</td><td>6.1.7601.24150</td><td>6.1.7601.24168</td>"), html);
        assertTrue(html.contains("<pre>") && html.contains("tcpip!TcpTlListenerCloseEndpoint+0x6a"), "the excerpt in the HTML");
        assertTrue(first.contains("investigate: locate (cause) · 1 trials in this phase, "), first);
        assertTrue(first.matches("(?s).*investigate: reproduce · 15 trials in this phase, 15 in all · [0-9.]+ VM-h spent · at most ~0\\.000 VM-h left.*"),
                first);
        Path bundle = dir.resolveSibling(dir.getFileName() + ".tar.zst");
        BundleVerifier.Report r = BundleVerifier.verify(bundle);
        assertTrue(r.ok(), r.problems().toString());
        long before = trials(dir);
        String again = run("investigate", scenario("investigate-smoke.yaml").toString(), "--resume", dir.toString());
        assertTrue(again.startsWith("0\n"), again);
        assertTrue(again.contains("first bad: KB4338818"), again);
        assertEquals(trials(dir), before, "a resumed, finished investigation ran new trials");
    }

    @Test
    public void aScenarioThatDoesNotReproduceEndsWithExit1AndWhatWasRuledOut() throws Exception {
        Path out = Files.createTempDirectory("investigate");
        Path s = out.resolve("clean.yaml");
        String yaml = Files.readString(scenario("investigate-smoke.yaml"))
                .replace("../vm-images", scenario("investigate-smoke.yaml").toAbsolutePath().getParent().resolveSibling("vm-images").toString())
                .replaceAll("(?s)  july-2018:.*?expect: does-not\n", "");
        Files.writeString(s, yaml);
        String res = run("investigate", s.toString(), "--out", out.toString());
        assertTrue(res.startsWith("1\n"), res);
        assertTrue(res.contains("does not reproduce: no patch set reproduced in 5 counted trials, ruling out a repro rate of 0.5"), res);
    }

    @Test
    public void badBudgetIsAUsageError() {
        assertEquals(Main.execute("investigate", scenario("investigate-smoke.yaml").toString(), "--budget", "-1"), 2);
    }
}
