package dev.reprolab.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.journal.DumpCaptured;
import dev.reprolab.report.RunData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/** {@code summary.md}: the summary for a case system that renders Markdown (or a person with a text editor). */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    static void write(RunData run) {
        StringBuilder b = new StringBuilder("# Repro lab run " + run.runId() + "\n\n");
        b.append("Scenario `").append(run.run().path("scenario").asText("?")).append("` on lab `").append(run.run().path("lab").asText("?"))
                .append("`, started ").append(run.run().path("startedAt").asText("?")).append(", finished ")
                .append(run.run().path("finishedAt").asText("(not finished)")).append(".\n\n");
        b.append("| patch set | cell | trials | reproduced | rate | 95 % CI | verdict | expected |\n|---|---|---|---|---|---|---|---|\n");
        for (JsonNode c : run.cells()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f %% | %.0f–%.0f %% | %s | %s |%n", c.path("patchSet").asText(),
                    c.path("cell").asText(), c.path("trials").asInt(), c.path("reproduced").asInt(), 100 * c.path("rate").asDouble(),
                    100 * c.path("ciLow").asDouble(), 100 * c.path("ciHigh").asDouble(), c.path("verdict").asText(),
                    c.path("expectation").asText("")));
        }
        b.append('\n').append(dev.reprolab.report.FactorTrends.sentence(dev.reprolab.report.FactorTrends.of(run.cells()))).append('\n');
        dev.reprolab.report.PollIntervals.markdown(b, run.cells());
        b.append("\n## Dumps\n\n");
        for (DumpCaptured d : run.events(DumpCaptured.class)) {
            b.append("- ").append(d.kind()).append(" `").append(d.path()).append("` ")
                    .append(d.bytes()).append(" bytes, SHA-256 `").append(d.sha256()).append("`")
                    .append(d.valid() ? "" : " (header INVALID)").append('\n');
        }
        TriageMarkdown.append(b, run);
        run.bisectLog().ifPresent(l -> b.append("\n## Bisect log\n\n```\n").append(l).append("```\n"));
        try {
            Files.writeString(run.dir().resolve("summary.md"), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
