package dev.reprolab.nightly;

import dev.reprolab.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The files Allure reads besides results: environment (what was tested where), executor (which job), categories
 * (reproduced vs. did-not vs. infrastructure — the last never counted as a result).
 */
final class NightlyAllureFiles {

    private NightlyAllureFiles() {
    }

    static void write(Scenario s, String lab) {
        Path dir = Paths.get(System.getProperty("allure.results.directory", "allure-results"));
        try {
            Files.createDirectories(dir);
            // trends: the previous report's history goes into this run's results (Allure's documented way)
            Path history = dir.resolveSibling("allure-report").resolve("history");
            if (Files.isDirectory(history)) {
                Files.createDirectories(dir.resolve("history"));
                try (var files = Files.list(history)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, dir.resolve("history").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.writeString(dir.resolve("environment.properties"), "Scenario=" + s.name() + "\nLab=" + lab
                    + "\nDescription=" + s.description().replace('\\', '/') + "\nPatch.sets=" + String.join(", ",
                    s.patchSets().stream().map(Scenario.PatchSet::name).toList()) + "\nTrials.per.cell=" + s.trials()
                    + "\nJava=" + System.getProperty("java.version") + "\n", StandardCharsets.UTF_8);
            String ci = System.getenv().getOrDefault("CI", "false");
            Files.writeString(dir.resolve("executor.json"), "{\"name\":\"" + (ci.equals("true") ? "CI" : "local") + "\",\"type\":\"maven\","
                    + "\"buildName\":\"repro lab nightly " + s.name() + "\"}", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("categories.json"), """
                    [
                      {"name": "Reproduced unexpectedly", "matchedStatuses": ["failed"], "messageRegex": ".*reproduced unexpectedly.*"},
                      {"name": "Did not reproduce", "matchedStatuses": ["failed"], "messageRegex": ".*did not reproduce.*"},
                      {"name": "Infrastructure (not counted)", "matchedStatuses": ["skipped", "broken"], "messageRegex": ".*infrastructure.*|.*LabException.*"}
                    ]
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
