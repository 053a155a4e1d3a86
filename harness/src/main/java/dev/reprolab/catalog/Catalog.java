package dev.reprolab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.input.BadInputException;
import dev.reprolab.input.LocatedYaml;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The patch catalog (vm-images/catalog.yaml): the updates around the case, what each does to the tcpip.sys
 * regression, and ordered cumulative levels for bisects. The harness and the simulated lab read the same file.
 */
public final class Catalog {

    /** An update's part in the regression. */
    public enum Regression { INTRODUCES, FIXES, NONE }

    /** One update. */
    public record Update(String id, String title, String kind, LocalDate released, Regression regression,
                         String tcpipVersion, boolean confirmed) {

        /** The .msu file name the servicing stack expects for an x64 2008 R2 package. */
        public String msuName() {
            return "windows6.1-" + id.toLowerCase(Locale.ROOT) + "-x64.msu";
        }
    }

    private final Path file;
    private final Map<String, Update> updates;
    private final Map<String, List<String>> levels;

    private Catalog(Path file, Map<String, Update> updates, Map<String, List<String>> levels) {
        this.file = file;
        this.updates = updates;
        this.levels = levels;
    }

    public static Catalog load(Path file) {
        LocatedYaml y = LocatedYaml.read(file);
        Map<String, Update> updates = new LinkedHashMap<>();
        JsonNode list = y.root().path("updates");
        if (!list.isArray() || list.isEmpty()) {
            throw y.error("/updates", "expected a list of updates");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode u = list.get(i);
            String at = "/updates/" + i;
            String id = text(y, u, at, "id").toUpperCase(Locale.ROOT);
            if (!id.matches("KB\\d{6,7}")) {
                throw y.error(at + "/id", "'" + id + "' is not a KB number (KB followed by 6-7 digits)");
            }
            Regression r;
            try {
                r = Regression.valueOf(u.path("regression").asText("none").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw y.error(at + "/regression", "expected introduces, fixes or none");
            }
            LocalDate released;
            try {
                released = LocalDate.parse(text(y, u, at, "released"));
            } catch (RuntimeException e) {
                throw y.error(at + "/released", "expected a date like 2018-07-10");
            }
            if (updates.put(id, new Update(id, text(y, u, at, "title"), text(y, u, at, "kind"), released, r,
                    u.path("tcpip").asText(""), u.path("confirmed").asBoolean(false))) != null) {
                throw y.error(at + "/id", id + " is listed twice");
            }
        }
        Map<String, List<String>> levels = new LinkedHashMap<>();
        y.root().path("levels").fields().forEachRemaining(e -> {
            List<String> kbs = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                String kb = e.getValue().get(i).asText().toUpperCase(Locale.ROOT);
                if (!updates.containsKey(kb)) {
                    throw y.error("/levels/" + e.getKey() + "/" + i, kb + " is not in the catalog's updates");
                }
                kbs.add(kb);
            }
            levels.put(e.getKey(), List.copyOf(kbs));
        });
        return new Catalog(file, updates, levels);
    }

    private static String text(LocatedYaml y, JsonNode n, String at, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.asText().isBlank()) {
            throw y.error(at, "missing '" + key + "'");
        }
        return v.asText();
    }

    public Path file() {
        return file;
    }

    public Optional<Update> update(String kb) {
        return Optional.ofNullable(updates.get(kb.toUpperCase(Locale.ROOT)));
    }

    public Collection<Update> updates() {
        return updates.values();
    }

    /** Level names and their ordered updates. */
    public Map<String, List<String>> levels() {
        return levels;
    }

    public List<String> levels(String name) {
        List<String> l = levels.get(name);
        if (l == null) {
            throw new BadInputException(file + ": no level list named '" + name + "' (have " + levels.keySet() + ")");
        }
        return l;
    }

    /**
     * Whether a set of installed updates carries the regression: some update introduces it and none carries the fix.
     * (Installing the fix together with the regressing update is fine, per Microsoft Japan's post.)
     */
    public boolean carriesRegression(Collection<String> installed) {
        boolean introduced = false;
        for (String kb : installed) {
            Update u = updates.get(kb.toUpperCase(Locale.ROOT));
            if (u == null) {
                continue;
            }
            if (u.regression() == Regression.FIXES) {
                return false;
            }
            introduced |= u.regression() == Regression.INTRODUCES;
        }
        return introduced;
    }

    /** tcpip.sys at this level: the version of the newest installed update that ships it. */
    public Optional<String> tcpipVersion(Collection<String> installed) {
        return installed.stream().map(k -> updates.get(k.toUpperCase(Locale.ROOT))).filter(u -> u != null && !u.tcpipVersion().isEmpty())
                .max((a, b) -> a.released().compareTo(b.released())).map(Update::tcpipVersion);
    }
}
