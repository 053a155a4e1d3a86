package dev.reprolab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialTriage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hung trials grouped by hang signature (from their journal events): how many per patch set, whether the group is
 * the run's bug (HUNG) or another hang (HUNG_OTHER), the listener numbers of one example, and that example's log.
 */
public final class Signatures {

    /** Hung trials whose triage found no signature. */
    public static final String NONE = "(no signature: triage unavailable or no thread waiting in a driver)";

    public record Group(String signature, boolean bug, Map<String, Integer> perPatchSet, String exampleTrial,
                        String exampleLog, TrialTriage.Listener exampleListener, int enumerations) {

        public int total() {
            return perPatchSet.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Signatures() {
    }

    public static List<Group> of(List<TrialFinished> trialFinished) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (TrialFinished e : trialFinished) {
            if (!e.hung()) {
                continue;
            }
            String sig = e.signature() != null ? e.signature() : NONE;
            Group g = groups.get(sig);
            if (g == null) {
                String log = null;
                for (TrialTriage.Log l : e.triageLogs()) {
                    if (l.file() != null && (log == null || sig.equals(l.signature()))) {
                        log = l.file();
                    }
                }
                g = new Group(sig, e.outcome() == Outcome.HUNG, new LinkedHashMap<>(), e.trialId(), log,
                        e.triage() == null ? null : e.triage().listener(), e.enumerations());
                groups.put(sig, g);
            }
            g.perPatchSet().merge(e.patchSet(), 1, Integer::sum);
        }
        return List.copyOf(groups.values());
    }

    /** The JSON array results.json carries as {@code hangSignatures}. */
    public static ArrayNode json(List<Group> groups) {
        ArrayNode a = new ObjectMapper().createArrayNode();
        for (Group g : groups) {
            ObjectNode o = a.addObject();
            o.put("signature", g.signature());
            o.put("outcome", g.bug() ? "HUNG" : "HUNG_OTHER");
            o.put("trials", g.total());
            ObjectNode per = o.putObject("perPatchSet");
            g.perPatchSet().forEach(per::put);
            o.put("example", g.exampleTrial());
            if (g.exampleLog() != null) {
                o.put("exampleLog", g.exampleLog());
            }
            if (g.exampleListener() != null) {
                TrialTriage.Listener l = g.exampleListener();
                o.putObject("listener").put("port", l.port()).put("references", l.references()).put("owner", l.owner())
                        .put("leaked", l.leaked());
            }
            o.put("enumerations", g.enumerations());
        }
        return a;
    }

    /** Adds {@code hangSignatures} to a run's results.json. */
    public static void addToResults(Path runDir, List<TrialFinished> trials) {
        Path file = runDir.resolve("results.json");
        ObjectMapper m = new ObjectMapper();
        try {
            ObjectNode root = (ObjectNode) m.readTree(file.toFile());
            root.set("hangSignatures", json(of(trials)));
            m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The listener numbers as one phrase: {@code 0x36 references (owner 1, leaked 0x35), 57 enumerations}. */
    public static String listener(TrialTriage.Listener l, int enumerations) {
        if (l == null) {
            return "listener references not read";
        }
        return String.format(Locale.ROOT, "port %d: 0x%x references (owner %d, leaked 0x%x) after %d netstat enumerations",
                l.port(), l.references(), l.owner(), l.leaked(), enumerations);
    }

    /**
     * The lines of a triage log that show the signature: the block (between blank lines) holding the wait site,
     * at most {@code max} lines; empty if the log or the block is not there.
     */
    public static Optional<String> excerpt(Path log, String signature, int max) {
        if (log == null || !Files.isRegularFile(log) || signature == null || signature.equals(NONE)) {
            return Optional.empty();
        }
        String site = signature.contains("waiting on ") ? signature.substring(signature.indexOf("waiting on ") + 11)
                : signature.substring(signature.lastIndexOf(' ') + 1);
        List<String> block = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    if (block.stream().anyMatch(l -> l.contains(site + "+") || l.endsWith(site))) {
                        break;
                    }
                    block.clear();
                    continue;
                }
                block.add(line.stripTrailing());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (block.stream().noneMatch(l -> l.contains(site))) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", block.subList(0, Math.min(max, block.size()))));
    }
}
