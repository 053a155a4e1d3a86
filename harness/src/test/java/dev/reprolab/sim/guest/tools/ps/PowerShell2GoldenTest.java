package dev.reprolab.sim.guest.tools.ps;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.testng.annotations.Test;

/**
 * Every golden snippet of {@code fixtures/powershell2} (script, and what PowerShell 2.0 prints on stdout and stderr,
 * and its exit code) run through the interpreter on a fresh guest disk and compared byte for byte (CRLF line ends).
 * A {@code --- stdout~} section comes from a source that dropped trailing blanks: there, and only there, trailing
 * blanks of each line are not compared. All failures are reported together.
 */
public class PowerShell2GoldenTest {

    static final List<String> FILES = List.of("operators.txt", "language.txt", "cmdlets.txt", "dotnet.txt", "missing-in-2.0.txt");

    /** One snippet. */
    public record Snippet(String file, String name, String script, String stdout, boolean trimmed, String stderr, int exit) {
    }

    public static List<Snippet> load() throws IOException {
        List<Snippet> all = new ArrayList<>();
        for (String f : FILES) {
            try (InputStream in = PowerShell2GoldenTest.class.getResourceAsStream("/fixtures/powershell2/" + f)) {
                all.addAll(parse(f, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    static List<Snippet> parse(String file, String text) {
        List<Snippet> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("=== ")) {
            i++;
        }
        while (i < lines.length) {
            String name = lines[i++].substring(4).trim();
            List<String> script = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("--- ") && !lines[i].startsWith("=== ")) {
                script.add(lines[i++]);
            }
            String stdout = "";
            String stderr = "";
            boolean trimmed = false;
            int exit = 0;
            while (i < lines.length && lines[i].startsWith("--- ")) {
                String section = lines[i++].substring(4).trim();
                List<String> body = new ArrayList<>();
                while (i < lines.length && !lines[i].startsWith("--- ") && !lines[i].startsWith("=== ")) {
                    body.add(lines[i++]);
                }
                if (i >= lines.length && !body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
                    body.remove(body.size() - 1); // the file's final newline
                }
                String joined = body.isEmpty() ? "" : String.join("\r\n", body) + "\r\n";
                switch (section) {
                    case "stdout" -> stdout = joined;
                    case "stdout~" -> {
                        stdout = joined;
                        trimmed = true;
                    }
                    case "stderr" -> stderr = joined;
                    case "exit" -> exit = Integer.parseInt(body.get(0).trim());
                    default -> throw new IllegalArgumentException(file + ": unknown section " + section);
                }
            }
            out.add(new Snippet(file, name, String.join("\r\n", script), stdout, trimmed, stderr, exit));
        }
        return out;
    }

    static String trimLines(String s) {
        return s.replaceAll(" +\r\n", "\r\n");
    }

    /** What one snippet printed, run as powershell.exe -EncodedCommand would run it. */
    record Result(String stdout, String stderr, int exit) {
    }

    static Result runLocally(String script) throws IOException {
        Path root = Files.createTempDirectory("golden");
        Files.createDirectories(root.resolve("users/administrator"));
        Files.createDirectories(root.resolve("windows/system32/drivers"));
        FakePsHost host = new FakePsHost(root);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        PsInterpreter ps = new PsInterpreter(host, out::append, err::append);
        OptionalInt rc = ps.run(script);
        return new Result(out.toString(), err.toString(), rc.orElse(ps.hadError() ? 1 : 0));
    }

    /** The mismatches between expected and actual, one paragraph each. */
    public static List<String> compare(Snippet s, String stdout, String stderr, int exit) {
        List<String> bad = new ArrayList<>();
        String want = s.trimmed() ? trimLines(s.stdout()) : s.stdout();
        String got = s.trimmed() ? trimLines(stdout) : stdout;
        if (!want.equals(got)) {
            bad.add(s.file() + " " + s.name() + " stdout:\n--- want\n" + want + "--- got\n" + got);
        }
        if (!s.stderr().equals(stderr)) {
            bad.add(s.file() + " " + s.name() + " stderr:\n--- want\n" + s.stderr() + "--- got\n" + stderr);
        }
        if (s.exit() != exit) {
            bad.add(s.file() + " " + s.name() + " exit: want " + s.exit() + " got " + exit);
        }
        return bad;
    }

    @Test
    public void everyGoldenSnippetPrintsWhatPowerShell2Printed() throws IOException {
        List<Snippet> all = load();
        assertTrue(all.size() >= 150, "golden snippets: " + all.size());
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (Snippet s : all) {
            Result r = runLocally(s.script());
            List<String> bad = compare(s, r.stdout(), r.stderr(), r.exit());
            if (bad.isEmpty()) {
                passed++;
            }
            failures.addAll(bad);
        }
        assertEquals(failures, List.of(), passed + "/" + all.size() + " snippets pass:\n" + String.join("\n", failures));
    }
}
