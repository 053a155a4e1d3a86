package dev.reprolab.windows.fltmc;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code fltmc} / {@code fltmc filters}: the rows under the dashed rule, {@code <Legacy>} rows, and the
 * "Filter listing failed with error: 0x..." form (not elevated).
 */
public final class FltmcParser {

    public static final String KIND = "fltmc";

    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+)$");
    private static final Pattern LEGACY = Pattern.compile("^(\\S+)\\s+<Legacy>$");
    private static final Pattern FAILED = Pattern.compile("^Filter listing failed with error: (0x[0-9A-Fa-f]+)$");

    /** What fltmc printed: its filters and, when listing failed, the error code and message. */
    public record Result(List<FilterRow> filters, String error, String message) {
    }

    private FltmcParser() {
    }

    public static Result parse(String text) {
        List<String> lines = Lines.split(text);
        List<FilterRow> rows = new ArrayList<>();
        String error = null;
        String message = null;
        boolean table = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            Matcher f = FAILED.matcher(line);
            if (f.matches()) {
                error = f.group(1);
                message = i + 1 < lines.size() ? Lines.stripTrailing(lines.get(i + 1)).trim() : null;
                continue;
            }
            if (line.startsWith("------------------------------")) {
                table = true;
                continue;
            }
            if (!table) {
                continue;
            }
            Matcher r = ROW.matcher(line);
            Matcher l = LEGACY.matcher(line);
            if (r.matches()) {
                rows.add(new FilterRow(r.group(1), Integer.valueOf(r.group(2)), r.group(3),
                        Integer.valueOf(r.group(4))));
            } else if (l.matches()) {
                rows.add(FilterRow.legacy(l.group(1)));
            } else if (!line.isBlank()) {
                table = false;
            }
        }
        if (rows.isEmpty() && error == null) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "a filter table or 'Filter listing failed'");
        }
        return new Result(List.copyOf(rows), error, message);
    }
}
