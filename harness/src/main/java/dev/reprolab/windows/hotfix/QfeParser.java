package dev.reprolab.windows.hotfix;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code wmic qfe get ...} tables (columns found from the header's word positions; blank lines from
 * CR CR LF ignored), {@code wmic qfe ... /format:list} ({@code Key=Value} blocks), and PowerShell's
 * {@code Get-HotFix} / {@code Get-WmiObject Win32_QuickFixEngineering} tables (columns from the dash rule).
 * Values cut by Format-Table ({@code KB2899189_...}) are kept as printed.
 */
public final class QfeParser {

    public static final String KIND = "qfe";

    private static final Pattern DATE = Pattern.compile("^(\\d{1,4})[/.-](\\d{1,2})[/.-](\\d{1,4})");

    private QfeParser() {
    }

    public static List<HotFix> parse(String text) {
        List<String> lines = Lines.split(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            if (line.matches("(?i)^HotFixID=.*")) {
                return list(lines);
            }
            if (isHeader(line)) {
                boolean ps = i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("---");
                List<int[]> cols = ps ? columns(lines.get(i + 1), '-') : columnsFromHeader(line);
                List<String> names = new ArrayList<>();
                for (int[] c : cols) {
                    names.add(slice(line, c).trim());
                }
                return table(lines, ps ? i + 2 : i + 1, cols, names, i);
            }
        }
        throw new ParseException(KIND, Math.max(lines.size(), 1), "a header with a HotFixID column");
    }

    private static boolean isHeader(String line) {
        return line.matches("(?i)^(?=\\S).*\\bHotFixID\\b.*") && !line.contains(",") && !line.contains(">");
    }

    private static List<HotFix> table(List<String> lines, int from, List<int[]> cols, List<String> names, int header) {
        List<HotFix> out = new ArrayList<>();
        int idIdx = indexOf(names, "HotFixID");
        for (int i = from; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            if (line.isBlank() || isHeader(line) || line.trim().startsWith("---")) {
                continue; // a repeated header of a second table in the same capture
            }
            if (line.length() <= cols.get(idIdx)[0]) {
                continue; // a note such as <SNIP>, or a prompt after the table
            }
            String id = slice(line, cols.get(idIdx)).trim();
            if (id.isEmpty() || id.contains(" ")) {
                continue;
            }
            out.add(new HotFix(id, value(line, cols, names, "Description"), value(line, cols, names, "Caption"),
                    value(line, cols, names, "InstalledBy"), value(line, cols, names, "InstalledOn")));
        }
        if (out.isEmpty()) {
            throw new ParseException(KIND, header + 1, "hotfix rows under the header");
        }
        return out;
    }

    private static List<HotFix> list(List<String> lines) {
        List<HotFix> out = new ArrayList<>();
        java.util.Map<String, String> cur = new java.util.HashMap<>();
        for (String raw : lines) {
            String line = Lines.stripTrailing(raw);
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("\\w+")) {
                String key = line.substring(0, eq).toLowerCase(Locale.ROOT);
                if (key.equals("hotfixid") && cur.containsKey("hotfixid")) {
                    out.add(fromMap(cur));
                    cur.clear();
                }
                cur.put(key, line.substring(eq + 1));
            }
        }
        if (cur.containsKey("hotfixid")) {
            out.add(fromMap(cur));
        }
        return out;
    }

    private static HotFix fromMap(java.util.Map<String, String> m) {
        return new HotFix(m.get("hotfixid"), blankToNull(m.get("description")), blankToNull(m.get("caption")),
                blankToNull(m.get("installedby")), blankToNull(m.get("installedon")));
    }

    private static String value(String line, List<int[]> cols, List<String> names, String name) {
        int idx = indexOf(names, name);
        return idx < 0 ? null : blankToNull(slice(line, cols.get(idx)).trim());
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Column ranges from runs of the rule character; the last column runs to the end of the line. */
    static List<int[]> columns(String rule, char c) {
        List<int[]> cols = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            if (rule.charAt(i) == c) {
                int s = i;
                while (i < rule.length() && rule.charAt(i) == c) {
                    i++;
                }
                cols.add(new int[]{s, i});
            } else {
                i++;
            }
        }
        return widen(cols);
    }

    /** wmic headers are single words starting each column. */
    static List<int[]> columnsFromHeader(String header) {
        List<int[]> cols = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+").matcher(header);
        while (m.find()) {
            cols.add(new int[]{m.start(), m.end()});
        }
        return widen(cols);
    }

    /** Each column extends to the start of the next one; the last to the end of any line. */
    private static List<int[]> widen(List<int[]> cols) {
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < cols.size(); k++) {
            int end = k + 1 < cols.size() ? cols.get(k + 1)[0] : Integer.MAX_VALUE;
            out.add(new int[]{cols.get(k)[0], end});
        }
        return out;
    }

    private static String slice(String line, int[] c) {
        if (c[0] >= line.length()) {
            return "";
        }
        return line.substring(c[0], Math.min(c[1], line.length()));
    }

    /**
     * ISO dates (yyyy-MM-dd) for the hotfixes' install dates where the output makes the day/month order
     * certain: a year-first date, a day above 12 anywhere in the same output (fixing the order for all its rows),
     * or day equal to month. Otherwise null. Hex FILETIME values (old wmic) give null.
     */
    public static List<String> isoDates(List<HotFix> hotfixes) {
        Boolean dayFirst = null;
        boolean conflict = false;
        for (HotFix h : hotfixes) {
            int[] d = parts(h.installedOn());
            if (d == null || d[0] > 31) {
                continue;
            }
            if (d[0] > 12 && d[1] <= 12) {
                conflict |= Boolean.FALSE.equals(dayFirst);
                dayFirst = true;
            } else if (d[1] > 12 && d[0] <= 12) {
                conflict |= Boolean.TRUE.equals(dayFirst);
                dayFirst = false;
            }
        }
        List<String> out = new ArrayList<>();
        for (HotFix h : hotfixes) {
            int[] d = parts(h.installedOn());
            String iso = null;
            if (d != null) {
                if (d[0] > 31) {
                    iso = iso(d[0], d[1], d[2]);
                } else if (d[2] > 31 && !conflict && (dayFirst != null || d[0] == d[1])) {
                    iso = Boolean.TRUE.equals(dayFirst) ? iso(d[2], d[1], d[0]) : iso(d[2], d[0], d[1]);
                }
            }
            out.add(iso);
        }
        return out;
    }

    private static int[] parts(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = DATE.matcher(s.trim());
        if (!m.find()) {
            return null;
        }
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static String iso(int y, int m, int d) {
        try {
            return java.time.LocalDate.of(y, m, d).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
