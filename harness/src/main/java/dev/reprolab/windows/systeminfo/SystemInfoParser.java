package dev.reprolab.windows.systeminfo;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads systeminfo output. Lists keep only the entries actually printed: a bare {@code [246]} (a capture cut
 * in the middle of an entry) and a {@code ...} line (entries left out of a pasted capture) add nothing, so a
 * cut-short capture reports fewer hotfix ids than its {@code N Hotfix(s) Installed.} line declares. The value column is taken from the first field line (27 on en-US; wider on
 * localized systems), so labels that contain a colon ("Virtual Memory: Max Size:") and localized labels read
 * right. Indented lines belong to the list above them (processors, hotfixes, network cards).
 */
public final class SystemInfoParser {

    public static final String KIND = "systeminfo";

    private static final Pattern FIRST = Pattern.compile("^(\\S[^:]*):(\\s+)\\S.*$");
    private static final Pattern ITEM = Pattern.compile("^\\[\\d+]: (.*)$");
    /** An index with nothing after it: the capture was cut in the middle of an entry. */
    private static final Pattern BARE_INDEX = Pattern.compile("^\\[\\d+]:?\\s*$");
    /** A line someone put in place of entries they left out of a pasted capture. */
    private static final Pattern ELISION = Pattern.compile("^(\\.{3}|…)$");

    private SystemInfoParser() {
    }

    public static SystemInfo parse(String text) {
        List<String> lines = Lines.split(text);
        int col = -1;
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = FIRST.matcher(line);
            if (m.matches() && !line.contains(">") && m.group(2).length() >= 2) {
                col = m.group(1).length() + 1 + m.group(2).length();
                first = i;
                break;
            }
        }
        if (col < 0) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "a 'Host Name:' style field line");
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        List<String> processors = new ArrayList<>();
        List<String> hotfixes = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        String section = null;
        for (int i = first; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.isBlank() || (section != null && ELISION.matcher(raw.strip()).matches())) {
                continue;
            }
            if (raw.startsWith(" ")) {
                if (section == null) {
                    // Continuation of a multi-line value (Windows 10's "Hyper-V Requirements"): appended.
                    String last = fields.keySet().stream().reduce((a, b) -> b).orElse(null);
                    if (last == null) {
                        throw new ParseException(KIND, i + 1, "an indented line only under a field");
                    }
                    fields.put(last, fields.get(last) + "\n" + raw.strip());
                    continue;
                }
                int indent = raw.length() - raw.stripLeading().length();
                String item = Lines.stripTrailing(raw).trim();
                if (BARE_INDEX.matcher(item).matches()) {
                    continue; // never an id: the entry was cut off before its text
                }
                Matcher it = ITEM.matcher(item);
                List<String> target = section.equals("Processor(s)") ? processors
                        : section.equals("Hotfix(s)") ? hotfixes : cards;
                if (target == cards && indent > col) {
                    cards.add("  " + item);
                } else {
                    target.add(it.matches() ? it.group(1) : item);
                }
                continue;
            }
            String stripped = Lines.stripTrailing(raw);
            if (stripped.length() < col && stripped.endsWith(":")) {
                raw = Lines.padRight(stripped, col); // an empty value whose padding was stripped
            }
            if (raw.length() < col || raw.charAt(col - 1) != ' ' || raw.substring(0, col).indexOf(':') < 0) {
                if (fields.size() >= 3) {
                    break; // a prompt or other text after the output
                }
                throw new ParseException(KIND, i + 1, "'Label:' padded to column " + col);
            }
            String label = raw.substring(0, col).trim();
            label = label.substring(0, label.length() - 1);
            String value = raw.substring(col);
            fields.put(label, value);
            section = isList(label) ? canonical(label) : null;
        }
        return new SystemInfo(fields, processors, hotfixes, cards);
    }

    private static boolean isList(String label) {
        return label.equals("Processor(s)") || label.equals("Hotfix(s)") || label.equals("Network Card(s)")
                || label.startsWith("Prozessor") || label.startsWith("Netzwerkkarte");
    }

    private static String canonical(String label) {
        if (label.startsWith("Prozessor")) {
            return "Processor(s)";
        }
        if (label.startsWith("Netzwerkkarte")) {
            return "Network Card(s)";
        }
        return label;
    }
}
