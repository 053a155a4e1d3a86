package dev.reprolab.windows.hotfix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders {@code wmic qfe get COLUMNS}. wmic's table rule: each column is as wide as its longest value or header
 * plus two spaces, every cell (the last too) is padded, so lines end in spaces; columns appear in wmic's own
 * (alphabetical) order whatever order the command line gave; an empty line ends the table.
 * <p>This writes CRLF. On a real machine wmic's output read through a pipe (as over WinRM) shows CR CR LF: wmic
 * writes "\r\n" and the ANSI conversion of its Unicode stream adds a CR before the LF. That belongs to the
 * transport (the simulated cmd's pipe), not to this formatter; {@code Lines.toCrCrLf} converts.
 */
public final class QfeFormatter {

    private QfeFormatter() {
    }

    /** Output of {@code wmic qfe get COLUMNS} (e.g. {@code List.of("HotFixID", "InstalledOn")}). */
    public static String wmicQfe(List<HotFix> hotfixes, List<String> columns) {
        List<String> cols = new ArrayList<>(columns);
        cols.sort(Comparator.comparing(c -> c.toLowerCase(java.util.Locale.ROOT)));
        int[] widths = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            int w = cols.get(i).length();
            for (HotFix h : hotfixes) {
                w = Math.max(w, h.column(cols.get(i)).length());
            }
            widths[i] = w + 2;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            b.append(String.format("%-" + widths[i] + "s", cols.get(i)));
        }
        b.append(CRLF);
        for (HotFix h : hotfixes) {
            for (int i = 0; i < cols.size(); i++) {
                b.append(String.format("%-" + widths[i] + "s", h.column(cols.get(i))));
            }
            b.append(CRLF);
        }
        return b.append(CRLF).toString();
    }
}
