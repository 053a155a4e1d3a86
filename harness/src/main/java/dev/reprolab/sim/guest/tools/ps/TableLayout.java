package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/**
 * Table rows as PowerShell 2.0's TableWriter lays them out: one space between columns, columns without a width
 * share the rest of the line equally, cells cut to width with "...", right-aligned where the view says, every
 * column padded to its width.
 */
final class TableLayout {

    private TableLayout() {
    }

    static int[] widths(List<Views.Column> cols, int lineWidth) {
        int[] w = new int[cols.size()];
        boolean[] fixed = new boolean[w.length];
        int used = Math.max(0, w.length - 1);
        int free = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).width();
            fixed[i] = w[i] > 0;
            if (fixed[i]) {
                used += w[i];
            } else {
                free++;
            }
        }
        if (free > 0) {
            int avail = lineWidth - used;
            for (int i = 0; i < w.length; i++) {
                if (!fixed[i]) {
                    w[i] = 1;
                    avail--;
                }
            }
            while (avail > 0) {
                for (int i = 0; i < w.length && avail > 0; i++) {
                    if (!fixed[i]) {
                        w[i]++;
                        avail--;
                    }
                }
            }
        }
        // Too wide: hide columns from the right until the rest fits (the last one may shrink).
        int total = sum(w);
        for (int i = w.length - 1; i > 0 && total > lineWidth; i--) {
            int excess = total - lineWidth;
            if (w[i] - excess >= 1) {
                w[i] -= excess;
            } else {
                w[i] = -1;
            }
            total = sum(w);
        }
        return w;
    }

    private static int sum(int[] w) {
        int s = 0;
        int n = 0;
        for (int x : w) {
            if (x > 0) {
                s += x;
                n++;
            }
        }
        return s + Math.max(0, n - 1);
    }

    static String header(List<Views.Column> cols, int[] w) {
        StringBuilder labels = new StringBuilder();
        StringBuilder dashes = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < cols.size(); i++) {
            if (w[i] <= 0) {
                continue;
            }
            if (!first) {
                labels.append(' ');
                dashes.append(' ');
            }
            first = false;
            String label = cols.get(i).label();
            labels.append(cell(label, w[i], cols.get(i).align()));
            dashes.append(cell("-".repeat(Math.min(label.length(), w[i])), w[i], cols.get(i).align()));
        }
        return labels + "\r\n" + dashes + "\r\n";
    }

    static String row(List<Views.Column> cols, int[] w, List<String> cells) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < cols.size(); i++) {
            if (w[i] <= 0) {
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(cell(cells.get(i), w[i], cols.get(i).align()));
        }
        return sb + "\r\n";
    }

    static String cell(String value, int width, Views.Align align) {
        String s = value;
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl).replace("\r", "");
        }
        if (s.length() > width) {
            s = width > 3 ? s.substring(0, width - 3) + "..." : s.substring(0, width);
        }
        String pad = " ".repeat(width - s.length());
        return align == Views.Align.RIGHT ? pad + s : s + pad;
    }
}
