package dev.reprolab.windows.procdump;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ProcDump's console output, every layout from v7 to the current one: the version from the banner (v7/v8
 * "Writes process dump files", v8.2 and later "Sysinternals process dump utility"), the target pid from a
 * captured command line ({@code procdump ... -ma 6252 ...}), each dump's info/initiated/writing/complete/error
 * lines, "Dump count reached." / "Dump count not reached.", and a monitoring run's Exception/Unhandled lines.
 * Up to v10 a time stamp is followed by a space ({@code [02:54:30] Dump 1 initiated: ...}); from v11 it is not
 * ({@code [02:53:25]Dump 1 info: Available space: 7351676928}), and the info lines come before "initiated".
 */
public final class ProcdumpParser {

    public static final String KIND = "procdump";

    private static final Pattern BANNER = Pattern.compile("^ProcDump v(\\S+) - .*$");
    private static final Pattern COMMAND = Pattern.compile("(?i).*procdump\\S*\\s.*?-m[ap]\\s+(\\d+)\\b.*");
    private static final Pattern STAMP = Pattern.compile("^\\[(\\d{2}:\\d{2}:\\d{2})] ?(.*)$");
    private static final Pattern DUMP = Pattern.compile("^Dump (\\d+) (info|initiated|writing|complete|error): ?(.*)$");
    private static final Pattern WRITING = Pattern.compile("^Estimated dump file size is (\\d+) MB\\.$");
    private static final Pattern COMPLETE = Pattern.compile("^(\\d+) MB written in ([\\d.]+) seconds$");
    private static final Pattern AVAILABLE = Pattern.compile("^Available space: (\\d+)$");
    private static final Pattern EXCEPTION = Pattern.compile("^(?:Exception|Unhandled): .*$");

    private ProcdumpParser() {
    }

    public static ProcdumpRun parse(String text) {
        List<String> lines = Lines.split(text);
        String version = null;
        Integer pid = null;
        boolean countReached = false;
        List<DumpWrite> dumps = new ArrayList<>();
        List<String> exceptions = new ArrayList<>();
        Integer errorOf = null; // the dump whose error message continues on the next unstamped lines
        for (String raw : lines) {
            String line = Lines.stripTrailing(raw).trim();
            Matcher b = BANNER.matcher(line);
            Matcher c = COMMAND.matcher(line);
            Matcher s = STAMP.matcher(line);
            if (!s.matches() && errorOf != null) {
                if (line.isEmpty()) {
                    errorOf = null;
                } else {
                    String more = line;
                    update(dumps, errorOf, x -> with(x, null, null, null, null, null, null, x.error() + " " + more));
                }
                continue;
            }
            errorOf = null;
            if (b.matches()) {
                version = b.group(1);
            } else if (c.matches() && pid == null) {
                pid = Integer.valueOf(c.group(1));
            } else if (s.matches()) {
                LocalTime at = LocalTime.parse(s.group(1));
                String msg = s.group(2);
                Matcher d = DUMP.matcher(msg);
                if (d.matches()) {
                    int n = Integer.parseInt(d.group(1));
                    String rest = d.group(3);
                    switch (d.group(2)) {
                        case "info" -> {
                            DumpWrite x = pending(dumps, n);
                            if (x.completed() || x.failed()) { // the next procdump run of the same capture
                                x = new DumpWrite(n, null, null, null, null, null, null);
                                dumps.add(x);
                            }
                            Matcher a = AVAILABLE.matcher(rest);
                            List<String> info = new ArrayList<>(x.info());
                            DumpWrite before = x;
                            info.add(rest);
                            update(dumps, n, y -> new DumpWrite(y.number(), y.path(), y.initiated(), y.estimatedMb(),
                                    y.completedAt(), y.writtenMb(), y.seconds(), info,
                                    a.matches() ? Long.valueOf(a.group(1)) : before.availableBytes(), y.error()));
                        }
                        case "initiated" -> {
                            DumpWrite x = pending(dumps, n);
                            if (x.path() != null) { // a second run of the same number (several procdumps in one capture)
                                dumps.add(new DumpWrite(n, rest, at, null, null, null, null));
                            } else {
                                update(dumps, n, y -> with(y, rest, at, null, null, null, null, null));
                            }
                        }
                        case "writing" -> {
                            Matcher w = WRITING.matcher(rest);
                            if (w.matches()) {
                                pending(dumps, n);
                                update(dumps, n, y -> with(y, null, null, Long.valueOf(w.group(1)), null, null, null, null));
                            }
                        }
                        case "complete" -> {
                            Matcher k = COMPLETE.matcher(rest);
                            if (k.matches()) {
                                pending(dumps, n);
                                update(dumps, n, y -> with(y, null, null, null, at, Long.valueOf(k.group(1)),
                                        Double.valueOf(k.group(2)), null));
                            }
                        }
                        default -> { // error: the system's message follows on its own lines
                            pending(dumps, n);
                            update(dumps, n, y -> with(y, null, null, null, null, null, null, rest));
                            errorOf = n;
                        }
                    }
                } else if (msg.equals("Dump count reached.")) {
                    countReached = true;
                } else if (msg.equals("Dump count not reached.")) {
                    countReached = false;
                } else if (EXCEPTION.matcher(msg).matches()) {
                    exceptions.add(msg);
                }
            }
        }
        if (version == null && dumps.isEmpty()) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "a ProcDump banner or a '[hh:mm:ss] Dump N' line");
        }
        return new ProcdumpRun(version, pid, dumps, countReached, exceptions);
    }

    /** The last dump numbered {@code n}, made (with no path yet) when its first line is an info line. */
    private static DumpWrite pending(List<DumpWrite> dumps, int n) {
        for (int k = dumps.size() - 1; k >= 0; k--) {
            if (dumps.get(k).number() == n) {
                return dumps.get(k);
            }
        }
        DumpWrite x = new DumpWrite(n, null, null, null, null, null, null);
        dumps.add(x);
        return x;
    }

    /** {@code x} with the non-null arguments replacing its fields. */
    private static DumpWrite with(DumpWrite x, String path, LocalTime initiated, Long estimatedMb, LocalTime completedAt,
                                  Long writtenMb, Double seconds, String error) {
        return new DumpWrite(x.number(), path != null ? path : x.path(), initiated != null ? initiated : x.initiated(),
                estimatedMb != null ? estimatedMb : x.estimatedMb(), completedAt != null ? completedAt : x.completedAt(),
                writtenMb != null ? writtenMb : x.writtenMb(), seconds != null ? seconds : x.seconds(), x.info(),
                x.availableBytes(), error != null ? error : x.error());
    }

    private static void update(List<DumpWrite> dumps, int number, UnaryOperator<DumpWrite> f) {
        for (int k = dumps.size() - 1; k >= 0; k--) {
            if (dumps.get(k).number() == number) {
                dumps.set(k, f.apply(dumps.get(k)));
                return;
            }
        }
    }
}
