package dev.reprolab.windows.sc;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sc output: status blocks of {@code query}, {@code queryex}, {@code stop}, {@code start} and
 * {@code [SC] ... FAILED} errors, in order, with prompts and other lines in between. Field labels are matched
 * by name, or by position when localized (sc on a Russian Windows prints {@code ТИП}, {@code СОСТОЯНИЕ}; the
 * field order is the same everywhere).
 */
public final class ScParser {

    public static final String KIND = "sc";

    private static final Pattern FAILED = Pattern.compile("^\\[SC] (\\S+) FAILED (\\d+):\\s*(.*)$");
    private static final Pattern FAILED_WITH = Pattern.compile("^\\[SC] (\\S+) FAILED with error (\\d+)\\.?$");
    private static final Pattern FIELD = Pattern.compile("^\\s+(\\S+)\\s*: ?(.*)$");
    private static final Pattern NAME = Pattern.compile("^(\\S+): (.+)$");
    private static final Pattern CONTROLS = Pattern.compile("^\\s+\\((.*)\\)$");
    private static final List<String> ORDER = List.of("TYPE", "STATE", "WIN32_EXIT_CODE", "SERVICE_EXIT_CODE",
            "CHECKPOINT", "WAIT_HINT", "PID", "FLAGS");

    private ScParser() {
    }

    public static List<ScEntry> parse(String text) {
        List<String> lines = Lines.split(text);
        List<ScEntry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            Matcher f = FAILED.matcher(line);
            Matcher fw = FAILED_WITH.matcher(line);
            if (fw.matches()) {
                out.add(new ScFailure(fw.group(1), Long.parseLong(fw.group(2)), null));
            } else if (f.matches()) {
                String message = f.group(3).isEmpty() ? null : f.group(3);
                int j = i + 1;
                while (message == null && j < lines.size()) {
                    String next = Lines.stripTrailing(lines.get(j)).trim();
                    if (next.startsWith("[SC]") || looksLikeBlockStart(lines, j)) {
                        break;
                    }
                    if (!next.isEmpty()) {
                        message = next;
                        i = j;
                    }
                    j++;
                }
                out.add(new ScFailure(f.group(1), Long.parseLong(f.group(2)), message));
            } else if (looksLikeBlockStart(lines, i)) {
                i = block(lines, i, out);
            }
        }
        if (out.isEmpty()) {
            throw new ParseException(KIND, Math.max(lines.size(), 1),
                    "no SERVICE_NAME block and no [SC] ... FAILED line");
        }
        return out;
    }

    /** {@code SERVICE_NAME: x} (or its localized label) followed by an indented field. */
    private static boolean looksLikeBlockStart(List<String> lines, int i) {
        String line = Lines.stripTrailing(lines.get(i));
        if (line.startsWith("SERVICE_NAME:")) {
            return true;
        }
        if (!NAME.matcher(line).matches() || line.contains(">") || line.startsWith("DISPLAY_NAME")) {
            return false;
        }
        int j = i + 1;
        if (j < lines.size() && Lines.stripTrailing(lines.get(j)).matches("^\\S+: .*$")) {
            j++; // a localized DISPLAY_NAME line
        }
        return j < lines.size() && FIELD.matcher(lines.get(j)).matches()
                && lines.get(j).matches("^\\s+\\S+\\s*: \\d.*");
    }

    private static int block(List<String> lines, int start, List<ScEntry> out) {
        Matcher n = NAME.matcher(Lines.stripTrailing(lines.get(start)));
        if (!n.matches()) {
            throw new ParseException(KIND, start + 1, "SERVICE_NAME: <name>");
        }
        String name = n.group(2).trim();
        Map<String, String> fields = new java.util.HashMap<>();
        List<String> controls = List.of();
        int ordinal = 0;
        int i = start + 1;
        for (; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            if (line.startsWith("DISPLAY_NAME:") || (i == start + 1 && NAME.matcher(line).matches())) {
                continue;
            }
            Matcher c = CONTROLS.matcher(line);
            if (c.matches()) {
                controls = List.of(c.group(1).split(",\\s*"));
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (!f.matches() || ordinal >= ORDER.size()) {
                break;
            }
            String label = ORDER.contains(f.group(1)) ? f.group(1) : ORDER.get(ordinal);
            fields.put(label, f.group(2).trim());
            ordinal = ORDER.indexOf(label) + 1;
        }
        int lineNo = start + 1;
        String[] type = require(fields, "TYPE", lineNo).split("\\s+", 2);
        String[] state = require(fields, "STATE", lineNo).split("\\s+", 2);
        try {
            ServiceState st = state(Integer.parseInt(state[0]), state.length > 1 ? state[1].trim() : null, lineNo);
            Integer pid = fields.containsKey("PID") ? Integer.valueOf(fields.get("PID")) : null;
            Long flags = fields.containsKey("PID") ? (fields.getOrDefault("FLAGS", "").isEmpty() ? 0L : 1L) : null;
            out.add(new ServiceStatus(name, Integer.parseInt(type[0], 16), st, controls,
                    exitCode(fields.get("WIN32_EXIT_CODE")), exitCode(fields.get("SERVICE_EXIT_CODE")),
                    hex(fields.get("CHECKPOINT")), hex(fields.get("WAIT_HINT")), pid, flags));
        } catch (NumberFormatException e) {
            throw new ParseException(KIND, lineNo, "numeric fields in the block of " + name + ": " + e.getMessage());
        }
        return i - 1;
    }

    /** The state of sc's {@code STATE : CODE  WORD}; the word, when there, must name the code's state. */
    private static ServiceState state(int code, String word, int lineNo) {
        ServiceState byCode;
        try {
            byCode = ServiceState.of(code);
        } catch (IllegalArgumentException e) {
            throw new ParseException(KIND, lineNo, "a service state code 1-7, found " + code);
        }
        if (word != null && ServiceState.named(word).orElse(null) != byCode) {
            throw new ParseException(KIND, lineNo, "the state word for code " + code + " (" + byCode + "), found '" + word + "'");
        }
        return byCode;
    }

    private static String require(Map<String, String> fields, String key, int lineNo) {
        String v = fields.get(key);
        if (v == null) {
            throw new ParseException(KIND, lineNo, "a " + key + " field in the SERVICE_NAME block");
        }
        return v;
    }

    /** {@code "1077  (0x435)"} → 1077. */
    private static long exitCode(String v) {
        return v == null ? 0 : Long.parseLong(v.split("\\s+")[0]);
    }

    /** {@code "0x7d0"} → 2000. */
    private static long hex(String v) {
        if (v == null) {
            return 0;
        }
        return Long.parseLong(v.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", ""), 16);
    }
}
