package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/**
 * Format-Table, Format-List, Format-Wide: lay the objects out now (with the chosen properties, -AutoSize widths
 * from the data) and pass the text on for Out-Default/Out-String to print unchanged.
 */
final class FormatCmdlets {

    private FormatCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Format-Table", "Property@0,AutoSize!,HideTableHeaders!,Wrap!,GroupBy,View,Force!,Expand,InputObject", FormatCmdlets::table);
        c.add("Format-List", "Property@0,GroupBy,View,Force!,Expand,InputObject", FormatCmdlets::list);
        c.add("Format-Wide", "Property@0,AutoSize!,Column,GroupBy,View,Force!,Expand,InputObject", FormatCmdlets::wide);
    }

    private static List<Views.Column> columns(CmdletCall c, Object first) {
        List<Views.Column> cols = new ArrayList<>();
        List<Object> props = c.list("Property");
        if (props.isEmpty()) {
            Views.View v = Views.forObject(first);
            if (v instanceof Views.Table t) {
                return t.columns();
            }
            for (String p : Views.properties(first)) {
                props.add(p);
            }
        }
        for (Object spec : props) {
            if (spec instanceof PsHashtable h) {
                Object w = h.get("Width");
                cols.add(new Views.Column(PropertyValues.label(spec), w == null ? 0 : PsConvert.toInt(w),
                        "right".equalsIgnoreCase(PsConvert.str(h.get("Alignment"))) ? Views.Align.RIGHT : Views.Align.LEFT,
                        o -> PropertyValues.get(c, o, spec)));
                continue;
            }
            for (String name : PropertyValues.matching(first, PsConvert.str(spec))) {
                Object v = PropertyValues.get(c, first, name);
                cols.add(new Views.Column(name, 0, PsConvert.isNumber(v) ? Views.Align.RIGHT : Views.Align.LEFT,
                        o -> PropertyValues.get(c, o, name)));
            }
        }
        return cols;
    }

    private static void table(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        if (items.isEmpty()) {
            return;
        }
        OutDefault display = new OutDefault(c.ev, s -> { }, 80);
        List<Views.Column> cols = columns(c, items.get(0));
        int width = c.session.width - 1;
        List<List<String>> rows = new ArrayList<>();
        for (Object o : items) {
            List<String> cells = new ArrayList<>();
            for (Views.Column col : cols) {
                cells.add(display.display(col.value().apply(o)));
            }
            rows.add(cells);
        }
        List<Views.Column> sized = cols;
        if (c.sw("AutoSize")) {
            sized = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                int w = cols.get(i).label().length();
                for (List<String> r : rows) {
                    w = Math.max(w, r.get(i).length());
                }
                Views.Column col = cols.get(i);
                sized.add(new Views.Column(col.label(), w, col.align(), col.value()));
            }
        }
        int[] widths = TableLayout.widths(sized, width);
        StringBuilder sb = new StringBuilder("\r\n");
        if (!c.sw("HideTableHeaders")) {
            sb.append(TableLayout.header(sized, widths));
        }
        for (List<String> r : rows) {
            sb.append(TableLayout.row(sized, widths, r));
        }
        sb.append("\r\n\r\n");
        c.out(new OutDefault.FormattedText(sb.toString()));
    }

    private static void list(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        if (items.isEmpty()) {
            return;
        }
        OutDefault display = new OutDefault(c.ev, s -> { }, 80);
        StringBuilder sb = new StringBuilder("\r\n\r\n");
        List<Object> props = c.list("Property");
        for (Object o : items) {
            List<String> names = new ArrayList<>();
            if (props.isEmpty()) {
                names.addAll(Views.properties(o));
            } else {
                for (Object p : props) {
                    if (PsConvert.str(p).equals("*") && o instanceof PsObject po) {
                        names.addAll(po.names());
                    } else {
                        names.addAll(PropertyValues.matching(o, PsConvert.str(p)));
                    }
                }
            }
            sb.append(ListLayout.entry(o, names, c.session.width - 1, display::display)).append("\r\n");
        }
        sb.append("\r\n\r\n");
        c.out(new OutDefault.FormattedText(sb.toString()));
    }

    private static void wide(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        if (items.isEmpty()) {
            return;
        }
        Object prop = c.get("Property");
        List<String> values = new ArrayList<>();
        for (Object o : items) {
            Object v = prop != null ? PropertyValues.get(c, o, prop)
                    : o instanceof PsObject p && p.has("Name") ? p.get("Name") : o;
            values.add(PsConvert.str(v));
        }
        int width = c.session.width - 1;
        int columns = c.has("Column") ? PsConvert.toInt(c.get("Column")) : 2;
        if (c.sw("AutoSize")) {
            int max = values.stream().mapToInt(String::length).max().orElse(1);
            columns = Math.max(1, (width + 1) / (max + 1));
        }
        List<Views.Column> cols = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            cols.add(new Views.Column("", 0, Views.Align.LEFT, o -> o));
        }
        int[] widths = TableLayout.widths(cols, width);
        StringBuilder sb = new StringBuilder("\r\n\r\n");
        for (int i = 0; i < values.size(); i += columns) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < columns; k++) {
                row.add(i + k < values.size() ? values.get(i + k) : "");
            }
            sb.append(TableLayout.row(cols, widths, row));
        }
        sb.append("\r\n\r\n");
        c.out(new OutDefault.FormattedText(sb.toString()));
    }
}
