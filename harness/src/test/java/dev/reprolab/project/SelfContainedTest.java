package dev.reprolab.project;

import static org.testng.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * Comments and messages state their facts or point at the project's own docs: nothing in the code, scenarios,
 * catalog or READMEs points at an issue tracker entry or at files outside the repository.
 */
public class SelfContainedTest {

    private static final Pattern OUTSIDE = Pattern.compile("(?i)\\bissues? #?\\d+|FACTS\\.md|\\.\\./shared|/work/shared|/work/main");

    @Test
    public void nothingPointsOutsideTheRepository() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> hits = new ArrayList<>();
        for (String top : List.of("harness/src", "scenarios", "vm-images", "README.md", "reports/README.md", "lab")) {
            Path start = root.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path f : files.filter(Files::isRegularFile).filter(SelfContainedTest::isText).toList()) {
                    if (f.endsWith("SelfContainedTest.java")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (OUTSIDE.matcher(lines.get(i)).find()) {
                            hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertEquals(hits, List.of(), "state the fact or point at the project's docs");
    }

    private static boolean isText(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".java") || n.endsWith(".md") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")
                || n.endsWith(".ps1") || n.endsWith(".xml") || n.equals("lab") || n.endsWith(".properties");
    }
}
