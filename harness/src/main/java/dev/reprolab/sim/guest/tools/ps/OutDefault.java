package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Out-Default / Out-String: turns a stream of objects into text as PowerShell 2.0's formatter does, one object at a
 * time (so a long loop's output appears as it is produced). Objects of one view share a group: a blank line, the
 * table header, rows, then two blank lines at the end; lists put a blank line around each entry.
 */
final class OutDefault implements Consumer<Object> {

    private static final String NL = "\r\n";
    private final Consumer<String> sink;
    private final int width;
    private Views.View current;
    private String groupHeader;
    private int[] widths;
    private final Evaluator ev;

    /** @param width the line width: 80 for Out-String, the console's 80 less the one column kept free for Out-Default */
    OutDefault(Evaluator ev, Consumer<String> sink, int width) {
        this.ev = ev;
        this.sink = sink;
        this.width = width;
    }

    @Override
    public void accept(Object o) {
        if (o == null || o == PsConvert.VOID) {
            return;
        }
        if (o instanceof FormattedText t) {
            end();
            sink.accept(t.text());
            return;
        }
        if (o instanceof PsErrorRecord r) {
            end();
            sink.accept(r.render());
            return;
        }
        if (o instanceof PsHashtable h) {
            for (Object k : h.keys()) {
                accept(new PsEntry(k, h.get(k)));
            }
            return;
        }
        if (Views.isScalar(o) || o instanceof PsFileStream && false) {
            end();
            sink.accept(PsConvert.str(o) + NL);
            return;
        }
        Views.View view = Views.forObject(o);
        String header = view instanceof Views.Table t && t.groupBy() != null ? t.groupBy().apply(o) : null;
        if (current == null || !sameView(current, view) || (header != null && !header.equals(groupHeader))) {
            boolean sameFormat = current != null && sameView(current, view);
            if (sameFormat) {
                sink.accept(NL); // group end; the format (and its blank line) goes on
            } else {
                end();
                sink.accept(NL); // format start
            }
            current = view;
            groupHeader = header;
            startGroup(o);
        }
        row(o);
    }

    private static boolean sameView(Views.View a, Views.View b) {
        return key(a).equals(key(b));
    }

    private static String key(Views.View v) {
        if (v instanceof Views.Table t) {
            return t.key();
        }
        if (v instanceof Views.ListView l) {
            return l.key();
        }
        return ((Views.Complex) v).key();
    }

    private void startGroup(Object o) {
        if (groupHeader != null) {
            sink.accept(NL + groupHeader + NL + NL + NL);
        }
        if (current instanceof Views.Table t) {
            widths = TableLayout.widths(t.columns(), width);
            sink.accept(TableLayout.header(t.columns(), widths));
        } else if (current instanceof Views.ListView l) {
            sink.accept(NL);
        } else if (current instanceof Views.Complex c) {
        }
    }

    private void row(Object o) {
        if (current instanceof Views.Table t) {
            List<String> cells = new ArrayList<>();
            for (Views.Column c : t.columns()) {
                cells.add(display(c.value().apply(o)));
            }
            sink.accept(TableLayout.row(t.columns(), widths, cells));
        } else if (current instanceof Views.ListView l) {
            sink.accept(ListLayout.entry(o, l.properties(), width, this::display) + NL);
        } else if (current instanceof Views.Complex c) {
            sink.accept(c.text().apply(o) + NL);
        }
    }

    /** Ends the open format group (two blank lines, or one after a list, whose entries end with one). */
    void end() {
        if (current != null) {
            sink.accept(NL + NL);
            current = null;
            groupHeader = null;
        }
    }

    /** A property value as a table cell or list value: arrays as {a, b, c} (4 items, then ...). */
    String display(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Object[] || v instanceof PsArrayList || v instanceof byte[]) {
            List<Object> items = PsConvert.items(v);
            int limit = 4;
            Object l = ev == null ? null : ev.session.global.get("FormatEnumerationLimit");
            if (l != null) {
                limit = PsConvert.toInt(l);
            }
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < items.size(); i++) {
                if (i == limit) {
                    sb.append("...");
                    break;
                }
                sb.append(i == 0 ? "" : ", ").append(display(items.get(i)));
            }
            return sb.append('}').toString();
        }
        if (v instanceof PsHashtable) {
            return "{" + String.join(", ", ((PsHashtable) v).keys().stream().map(PsConvert::str).toList()) + "}";
        }
        return PsConvert.str(v);
    }

    /** Text already laid out by Format-Table/List/Wide, passed through by Out-Default. */
    record FormattedText(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
