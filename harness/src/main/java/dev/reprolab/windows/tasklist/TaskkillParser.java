package dev.reprolab.windows.tasklist;

import dev.reprolab.windows.text.Lines;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads taskkill's SUCCESS and ERROR lines (and the "Reason:" line under an ERROR). */
public final class TaskkillParser {

    private static final Pattern WHO = Pattern.compile(
            "The process (?:\"([^\"]+)\" with PID (\\d+)|with PID (\\d+))(?: \\(child process of PID (\\d+)\\))?");
    private static final Pattern SUCCESS = Pattern.compile("^SUCCESS: " + WHO.pattern() + " has been terminated\\.$");
    private static final Pattern ERROR = Pattern.compile("^ERROR: " + WHO.pattern() + " could not be terminated\\.$");
    private static final Pattern NOT_FOUND = Pattern.compile("^ERROR: The process \"([^\"]+)\" not found\\.$");

    private TaskkillParser() {
    }

    public static List<TaskkillResult> parse(String text) {
        List<String> lines = Lines.split(text);
        List<TaskkillResult> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i)).trim();
            Matcher s = SUCCESS.matcher(line);
            Matcher e = ERROR.matcher(line);
            Matcher nf = NOT_FOUND.matcher(line);
            if (s.matches()) {
                out.add(result("SUCCESS", s, null));
            } else if (e.matches()) {
                String reason = null;
                if (i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("Reason: ")) {
                    reason = lines.get(i + 1).trim().substring("Reason: ".length());
                    i++;
                }
                out.add(result("ERROR", e, reason));
            } else if (nf.matches()) {
                String who = nf.group(1);
                boolean numeric = who.matches("\\d+");
                out.add(new TaskkillResult("ERROR", numeric ? Integer.valueOf(who) : null, numeric ? null : who,
                        null, "not found"));
            }
        }
        return out;
    }

    private static TaskkillResult result(String kind, Matcher m, String reason) {
        String pid = m.group(2) != null ? m.group(2) : m.group(3);
        return new TaskkillResult(kind, Integer.valueOf(pid), m.group(1),
                m.group(4) == null ? null : Integer.valueOf(m.group(4)), reason);
    }
}
