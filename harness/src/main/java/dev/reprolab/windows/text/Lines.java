package dev.reprolab.windows.text;

import java.util.ArrayList;
import java.util.List;

/** Splits console text into lines and builds CRLF output. */
public final class Lines {

    /** Windows console line end. */
    public static final String CRLF = "\r\n";

    private Lines() {
    }

    /**
     * Splits text into lines. A line ends at LF, CRLF or CR CR LF (wmic through a pipe), or at a lone CR (old
     * Mac-style text). The terminators are removed; a final line without terminator is kept, a trailing empty
     * line after the last terminator is not.
     */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(text.substring(start, i));
                i++;
                start = i;
            } else if (c == '\r') {
                int end = i;
                int j = i;
                while (j < n && text.charAt(j) == '\r') {
                    j++;
                }
                // CR+ LF is one line end (CRLF, or CR CR LF from wmic); CR alone is one line end per CR run of 1.
                if (j < n && text.charAt(j) == '\n') {
                    lines.add(text.substring(start, end));
                    i = j + 1;
                } else {
                    lines.add(text.substring(start, end));
                    for (int k = i + 1; k < j; k++) {
                        lines.add("");
                    }
                    i = j;
                }
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Strips trailing spaces and tabs (terminals and documents pad or cut them arbitrarily). */
    public static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t'
                || line.charAt(end - 1) == '\u00a0')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Converts text with LF or CRLF line ends to CRLF. */
    public static String toCrlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }

    /** Converts CRLF to CR CR LF, as wmic's output looks after passing through a pipe. */
    public static String toCrCrLf(String text) {
        return toCrlf(text).replace(CRLF, "\r\r\n");
    }

    /** Converts any line ends to LF. */
    public static String toLf(String text) {
        return String.join("\n", split(text)) + (text.endsWith("\n") || text.endsWith("\r") ? "\n" : "");
    }

    /** Pads right with spaces to width (never truncates). */
    public static String padRight(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    /** Pads left with spaces to width (never truncates). */
    public static String padLeft(String s, int width) {
        StringBuilder b = new StringBuilder();
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s).toString();
    }
}
