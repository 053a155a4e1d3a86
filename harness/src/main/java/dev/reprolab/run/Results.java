package dev.reprolab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.stats.Proportion;
import dev.reprolab.stats.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Counts per cell derived from the journal, with rate, Wilson interval, verdict and expectation (results.json). */
public final class Results {

    /** One cell's tally. */
    public record CellResult(String patchSet, String cell, Map<String, String> factors, Optional<String> expectation,
                             int reproduced, int clean, int otherFailures, int infraErrors, Proportion rate, Verdict verdict) {

        public int counted() {
            return reproduced + clean + otherFailures;
        }

        /** Whether the expectation (if any) is met; an undecided cell neither meets nor misses it. */
        public Optional<Boolean> met() {
            if (expectation.isEmpty() || verdict == Verdict.UNDECIDED) {
                return Optional.empty();
            }
            return Optional.of(expectation.get().equals(verdict.label()));
        }
    }

    private Results() {
    }

    public static List<CellResult> compute(Scenario s, List<JournalEntry> events) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Scenario.Cell c : s.cells()) {
            counts.put(c.patchSet().name() + "|" + c.id(), new int[4]);
        }
        for (TrialFinished e : Journal.events(events, TrialFinished.class)) {
            int[] n = counts.get(e.patchSet() + "|" + e.cell());
            if (n == null || e.outcome() == null) {
                continue;
            }
            Outcome o = e.outcome();
            n[o.reproduces() ? 0 : o == Outcome.STOPPED_CLEANLY ? 1 : o == Outcome.INFRA_ERROR ? 3 : 2]++;
        }
        List<CellResult> out = new ArrayList<>();
        for (Scenario.Cell c : s.cells()) {
            int[] n = counts.get(c.patchSet().name() + "|" + c.id());
            int counted = n[0] + n[1] + n[2];
            out.add(new CellResult(c.patchSet().name(), c.id(), c.factors(), c.patchSet().expectation(c.id()), n[0], n[1], n[2], n[3],
                    Proportion.wilson(n[0], counted), Verdict.of(n[0], counted, s.minRate())));
        }
        return out;
    }

    public static void write(Path runDir, String runId, Scenario scenario, String lab, List<CellResult> cells) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("runId", runId);
        root.put("scenario", scenario.name());
        root.put("lab", lab);
        ArrayNode arr = root.putArray("cells");
        for (CellResult c : cells) {
            ObjectNode o = arr.addObject();
            o.put("patchSet", c.patchSet());
            scenario.patchSets().stream().filter(p -> p.name().equals(c.patchSet())).findFirst()
                    .ifPresent(p -> p.kbs().forEach(o.putArray("kbs")::add));
            o.put("cell", c.cell());
            ObjectNode f = o.putObject("factors");
            c.factors().forEach(f::put);
            // the load level's definition orders load levels for the trend test (lab compare reads cells, not scenarios)
            scenario.loads().stream().filter(l -> l.name().equals(c.factors().get("load"))).findFirst()
                    .ifPresent(l -> o.putObject("loadLevel").put("clients", l.clients()).put("rate", l.rate()));
            if (c.expectation().isPresent()) {
                o.put("expectation", c.expectation().get());
            } else {
                o.putNull("expectation");
            }
            o.put("trials", c.counted());
            o.put("reproduced", c.reproduced());
            o.put("clean", c.clean());
            o.put("otherFailures", c.otherFailures());
            o.put("infraErrors", c.infraErrors());
            o.put("notReproduced", c.clean() + c.otherFailures());
            o.put("infra", c.infraErrors());
            o.putArray("ci95").add(c.rate().low()).add(c.rate().high());
            o.put("rate", c.rate().rate());
            o.put("ciLow", c.rate().low());
            o.put("ciHigh", c.rate().high());
            o.put("verdict", c.verdict().label());
            c.met().ifPresent(m -> o.put("expectationMet", m));
        }
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("results.json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console table. */
    public static String table(List<CellResult> cells) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-20s %-28s %6s %6s %7s %-13s %-11s %-10s %s%n",
                "patch set", "cell", "trials", "hung", "rate", "95% CI", "verdict", "expected", "infra"));
        for (CellResult c : cells) {
            b.append(String.format(Locale.ROOT, "%-20s %-28s %6d %6d %6.0f%% %4.0f–%3.0f%%    %-11s %-10s %d%s%n", c.patchSet(), c.cell(),
                    c.counted(), c.reproduced(), 100 * c.rate().rate(), 100 * c.rate().low(), 100 * c.rate().high(),
                    c.verdict().label(), c.expectation().orElse("-"), c.infraErrors(),
                    c.met().map(m -> m ? "" : "   <-- expectation not met").orElse("")));
        }
        return b.toString();
    }
}
