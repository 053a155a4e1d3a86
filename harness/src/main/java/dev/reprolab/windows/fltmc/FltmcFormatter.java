package dev.reprolab.windows.fltmc;

import java.util.List;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders {@code fltmc} / {@code fltmc filters}: row layout {@code "%-30s  %9s       %-11s%5s"} measured on the
 * real captures in fixtures/windows/netsh_fltmc (instances right-aligned ending at column 41, altitude's integer part ending
 * at column 54, frame ending at column 64; legacy filters show {@code <Legacy>} at column 60). The output starts
 * with an empty line, as the captured error form shows.
 */
public final class FltmcFormatter {

    static final String HEADER = "Filter Name                     Num Instances    Altitude    Frame";
    static final String RULE = "------------------------------  -------------  ------------  -----";

    private FltmcFormatter() {
    }

    public static String filters(List<FilterRow> rows) {
        StringBuilder b = new StringBuilder(CRLF).append(HEADER).append(CRLF).append(RULE).append(CRLF);
        for (FilterRow r : rows) {
            b.append(row(r)).append(CRLF);
        }
        return b.toString();
    }

    public static String row(FilterRow r) {
        if (r.legacy()) {
            return String.format("%-60s<Legacy>", r.name());
        }
        // The altitude's integer part is right-aligned to six digits; a fraction (385250.5) runs on to the right.
        int dot = r.altitude().indexOf('.');
        String whole = dot < 0 ? r.altitude() : r.altitude().substring(0, dot);
        String cell = String.format("%6s", whole) + (dot < 0 ? "" : r.altitude().substring(dot));
        return String.format("%-30s  %9s       %-11s%5s", r.name(), r.instances(), cell, r.frame());
    }

    /** What fltmc prints when it may not list filters (not elevated): error 0x80070005. */
    public static String accessDenied() {
        return CRLF + "Filter listing failed with error: 0x80070005" + CRLF + "Access is denied." + CRLF + CRLF;
    }
}
