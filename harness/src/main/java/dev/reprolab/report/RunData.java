package dev.reprolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.input.BadInputException;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.JournalEvent;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished (or interrupted) run directory as the reports read it (contract C5): run metadata, derived results,
 * and the journal's trial and dump events. Read-only; tolerant of a torn last journal line.
 */
public final class RunData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode run;
    private final List<JsonNode> cells;
    private final List<JournalEntry> events;

    private RunData(Path dir, JsonNode run, List<JsonNode> cells, List<JournalEntry> events) {
        this.dir = dir;
        this.run = run;
        this.cells = cells;
        this.events = events;
    }

    public static RunData read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a run directory");
        }
        JsonNode run = readJson(dir.resolve("run.json")).orElse(JSON.createObjectNode());
        List<JsonNode> cells = new ArrayList<>();
        readJson(dir.resolve("results.json")).ifPresent(r -> r.path("cells").forEach(cells::add));
        List<JournalEntry> events = Journal.read(dir);
        return new RunData(dir, run, cells, events);
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(file + ":" + (loc == null ? 0 : loc.getLineNr()) + ":"
                    + (loc == null ? 0 : loc.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return run.path("runId").asText(dir.getFileName().toString());
    }

    public JsonNode run() {
        return run;
    }

    public List<JsonNode> cells() {
        return cells;
    }

    /** The journal's events of one kind, in order. */
    public <T extends JournalEvent> List<T> events(Class<T> type) {
        return Journal.events(events, type);
    }

    /** Finished trials by outcome, in journal order. */
    public Map<Outcome, List<TrialFinished>> trialsByOutcome() {
        Map<Outcome, List<TrialFinished>> m = new LinkedHashMap<>();
        for (TrialFinished t : events(TrialFinished.class)) {
            m.computeIfAbsent(t.outcome(), k -> new ArrayList<>()).add(t);
        }
        return m;
    }

    /** A file of a trial ({@code trials/<id>/<name>}), if it exists. */
    public Optional<Path> trialFile(String trialId, String name) {
        Path p = dir.resolve("trials").resolve(trialId).resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The trial's netstat timeline (compact, or the full form older runs wrote), if it has one. */
    public Optional<Path> netstatTimeline(String trialId) {
        return NetstatTimelineFile.find(dir.resolve("trials").resolve(trialId));
    }

    /** The environment probe of a patch set, if present. */
    public Optional<JsonNode> environment(String patchSet) {
        return readJson(dir.resolve("environment").resolve(patchSet + ".json"));
    }

    public Optional<String> bisectLog() {
        Path p = dir.resolve("bisect.log");
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
