package dev.reprolab.windows.tasklist;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tasklist output: the table (with or without header, also findstr excerpts) and {@code /fo csv} (with
 * or without header). Memory is read whatever the thousands separator (comma, dot, space, no-break space,
 * apostrophe), so captures from any locale read the same. Headers in any language are skipped.
 */
public final class TasklistParser {

    public static final String KIND = "tasklist";

    /** Image (may contain spaces), PID, session name (may be empty), session number, memory and its unit. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S.*?)\\s+(\\d+)\\s+(?:(\\S+)\\s+)?(\\d+)\\s+(\\d[\\d.,'\\s\\u00a0\\u202f]*)\\s?K$");
    private static final Pattern CSV = Pattern.compile("^\"([^\"]*)\",\"(\\d+)\",\"([^\"]*)\",\"(\\d+)\",\"([^\"]*)\".*$");

    private TasklistParser() {
    }

    /** The process rows; throws when there are none (and no "INFO: No tasks" line). */
    public static List<TaskRow> parse(String text) {
        List<TaskRow> rows = new ArrayList<>();
        List<String> lines = Lines.split(text);
        boolean noTasks = false;
        for (String raw : lines) {
            TaskRow row = row(Lines.stripTrailing(raw));
            if (row != null) {
                rows.add(row);
            } else if (raw.startsWith("INFO: No tasks")) {
                noTasks = true;
            }
        }
        if (rows.isEmpty() && !noTasks) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "no process rows");
        }
        return rows;
    }

    /** One table or CSV row, or null when the line is not one. */
    public static TaskRow row(String line) {
        Matcher c = CSV.matcher(line);
        if (c.matches()) {
            return new TaskRow(c.group(1), Integer.parseInt(c.group(2)), c.group(3), Integer.parseInt(c.group(4)),
                    memoryKb(c.group(5)));
        }
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
            return new TaskRow(m.group(1), Integer.parseInt(m.group(2)), m.group(3) == null ? "" : m.group(3),
                    Integer.parseInt(m.group(4)), memoryKb(m.group(5)));
        }
        return null;
    }

    /** "255,792 K", "2.672 K", "12 345 K" → KB. */
    public static long memoryKb(String s) {
        String digits = s.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("no digits in memory value '" + s + "'");
        }
        return Long.parseLong(digits);
    }
}
