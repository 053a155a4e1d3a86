package dev.reprolab.windows.procdump;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ProcDump's console output: the version from the banner, the target pid from a captured command line
 * ({@code procdump ... -ma 6252 ...}), each dump's initiated/writing/complete lines, "Dump count reached.".
 */
public final class ProcdumpParser {

    public static final String KIND = "procdump";

    private static final Pattern BANNER = Pattern.compile("^ProcDump v(\\S+) - .*$");
    private static final Pattern COMMAND = Pattern.compile("(?i).*procdump\\S*\\s.*?-m[ap]\\s+(\\d+)\\b.*");
    private static final Pattern STAMP = Pattern.compile("^\\[(\\d{2}:\\d{2}:\\d{2})] (.*)$");
    private static final Pattern INITIATED = Pattern.compile("^Dump (\\d+) initiated: (.*)$");
    private static final Pattern WRITING = Pattern.compile("^Dump (\\d+) writing: Estimated dump file size is (\\d+) MB\\.$");
    private static final Pattern COMPLETE = Pattern.compile("^Dump (\\d+) complete: (\\d+) MB written in ([\\d.]+) seconds$");

    private ProcdumpParser() {
    }

    public static ProcdumpRun parse(String text) {
        List<String> lines = Lines.split(text);
        String version = null;
        Integer pid = null;
        boolean countReached = false;
        List<DumpWrite> dumps = new ArrayList<>();
        for (String raw : lines) {
            String line = Lines.stripTrailing(raw).trim();
            Matcher b = BANNER.matcher(line);
            Matcher c = COMMAND.matcher(line);
            Matcher s = STAMP.matcher(line);
            if (b.matches()) {
                version = b.group(1);
            } else if (c.matches() && pid == null) {
                pid = Integer.valueOf(c.group(1));
            } else if (s.matches()) {
                LocalTime at = LocalTime.parse(s.group(1));
                String msg = s.group(2);
                Matcher i = INITIATED.matcher(msg);
                Matcher w = WRITING.matcher(msg);
                Matcher d = COMPLETE.matcher(msg);
                if (i.matches()) {
                    dumps.add(new DumpWrite(Integer.parseInt(i.group(1)), i.group(2), at, null, null, null, null));
                } else if (w.matches()) {
                    update(dumps, Integer.parseInt(w.group(1)), x -> new DumpWrite(x.number(), x.path(),
                            x.initiated(), Long.valueOf(w.group(2)), x.completedAt(), x.writtenMb(), x.seconds()));
                } else if (d.matches()) {
                    update(dumps, Integer.parseInt(d.group(1)), x -> new DumpWrite(x.number(), x.path(),
                            x.initiated(), x.estimatedMb(), at, Long.valueOf(d.group(2)), Double.valueOf(d.group(3))));
                } else if (msg.equals("Dump count reached.")) {
                    countReached = true;
                }
            }
        }
        if (version == null && dumps.isEmpty()) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "a ProcDump banner or a '[hh:mm:ss] Dump N' line");
        }
        return new ProcdumpRun(version, pid, dumps, countReached);
    }

    private static void update(List<DumpWrite> dumps, int number, java.util.function.UnaryOperator<DumpWrite> f) {
        for (int k = dumps.size() - 1; k >= 0; k--) {
            if (dumps.get(k).number() == number) {
                dumps.set(k, f.apply(dumps.get(k)));
                return;
            }
        }
    }
}
