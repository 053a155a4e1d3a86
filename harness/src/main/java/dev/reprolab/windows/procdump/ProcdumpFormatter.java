package dev.reprolab.windows.procdump;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders ProcDump's console output (v9/v10 style, fixtures/windows/sysinternals): a blank line, a three-line
 * banner, a blank line, then per dump "initiated", "writing: Estimated dump file size is N MB." and
 * "complete: N MB written in S seconds", and "Dump count reached.", each with a {@code [HH:mm:ss]} stamp.
 */
public final class ProcdumpFormatter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ProcdumpFormatter() {
    }

    /** The banner of the given version, e.g. {@code "9.0"} (copyright years as that release printed them). */
    public static String banner(String version) {
        String years = version.startsWith("9.") ? "2009-2017" : "2009-2020";
        return CRLF + "ProcDump v" + version + " - Sysinternals process dump utility" + CRLF
                + "Copyright (C) " + years + " Mark Russinovich and Andrew Richards" + CRLF
                + "Sysinternals - www.sysinternals.com" + CRLF + CRLF;
    }

    /** The whole output of a run (banner when {@code run.version()} is set, each dump, the count line). */
    public static String format(ProcdumpRun run, LocalTime countReachedAt) {
        StringBuilder b = new StringBuilder();
        if (run.version() != null) {
            b.append(banner(run.version()));
        }
        for (DumpWrite d : run.dumps()) {
            b.append(initiated(d.number(), d.path(), d.initiated()));
            if (d.estimatedMb() != null) {
                b.append(writing(d.number(), d.estimatedMb(), d.initiated()));
            }
            if (d.completed()) {
                b.append(complete(d.number(), d.writtenMb(), d.seconds(), d.completedAt()));
            }
        }
        if (run.countReached()) {
            b.append(stamp(countReachedAt)).append("Dump count reached.").append(CRLF).append(CRLF);
        }
        return b.toString();
    }

    public static String initiated(int n, String path, LocalTime at) {
        return stamp(at) + "Dump " + n + " initiated: " + path + CRLF;
    }

    public static String writing(int n, long estimatedMb, LocalTime at) {
        return stamp(at) + "Dump " + n + " writing: Estimated dump file size is " + estimatedMb + " MB." + CRLF;
    }

    public static String complete(int n, long writtenMb, double seconds, LocalTime at) {
        return stamp(at) + "Dump " + n + " complete: " + writtenMb + " MB written in "
                + String.format(Locale.ROOT, "%.1f", seconds) + " seconds" + CRLF;
    }

    private static String stamp(LocalTime t) {
        return "[" + STAMP.format(t) + "] ";
    }
}
