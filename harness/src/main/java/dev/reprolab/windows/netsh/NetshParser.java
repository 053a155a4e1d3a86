package dev.reprolab.windows.netsh;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code netsh int tcp show global}: every {@code Label   : value} line (the "**" notes are skipped). */
public final class NetshParser {

    public static final String KIND = "netsh-tcp";

    private static final Pattern SETTING = Pattern.compile("^(\\S[^:]*?)\\s+: (.*)$");

    private NetshParser() {
    }

    public static TcpGlobal parseTcpGlobal(String text) {
        List<String> lines = Lines.split(text);
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        for (String raw : lines) {
            Matcher m = SETTING.matcher(Lines.stripTrailing(raw));
            if (m.matches() && !raw.contains(">")) {
                settings.put(m.group(1), m.group(2));
            }
        }
        if (settings.isEmpty()) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "'Setting   : value' lines");
        }
        return new TcpGlobal(settings);
    }
}
