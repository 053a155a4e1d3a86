package dev.reprolab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-page document written once and rendered twice, as Markdown and as self-contained HTML, so the two forms of
 * the case summary can never say different things. Inline text knows {@code `code`} and {@code **bold**} only.
 */
final class CaseDoc {

    sealed interface Block permits Heading, Para, Table, Code, Svg {
    }

    record Heading(String text) implements Block {
    }

    record Para(String text) implements Block {
    }

    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    record Code(String text) implements Block {
    }

    /** A chart: in the HTML only (the Markdown has the same numbers in a table next to it). */
    record Svg(String svg) implements Block {
    }

    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*");

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    CaseDoc(String title) {
        this.title = title;
    }

    CaseDoc add(Block b) {
        blocks.add(b);
        return this;
    }

    CaseDoc heading(String text) {
        return add(new Heading(text));
    }

    CaseDoc para(String text) {
        return add(new Para(text));
    }

    String markdown() {
        StringBuilder m = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                m.append("## ").append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                m.append(p.text()).append("\n\n");
            } else if (b instanceof Code c) {
                m.append("```\n").append(c.text().stripTrailing()).append("\n```\n\n");
            } else if (b instanceof Table t) {
                m.append(row(t.header())).append(row(t.header().stream().map(x -> "---").toList()));
                t.rows().forEach(r -> m.append(row(r)));
                m.append('\n');
            }
        }
        return m.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}"
                        + "pre{background:#f4f4f4;padding:.5em;overflow-x:auto}code{background:#f4f4f4}</style></head><body>\n<h1>")
                .append(esc(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading x) {
                h.append("<h2>").append(inline(x.text())).append("</h2>\n");
            } else if (b instanceof Para p) {
                h.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Code c) {
                h.append("<pre>").append(esc(c.text().stripTrailing())).append("</pre>\n");
            } else if (b instanceof Svg s) {
                h.append(s.svg()).append('\n');
            } else if (b instanceof Table t) {
                h.append("<table><tr>");
                t.header().forEach(c -> h.append("<th>").append(inline(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    h.append("<tr>");
                    r.forEach(c -> h.append("<td>").append(inline(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(esc(text.substring(at, m.start())));
            out.append(m.group(1) != null ? "<code>" + esc(m.group(1)) + "</code>" : "<strong>" + esc(m.group(2)) + "</strong>");
            at = m.end();
        }
        return out.append(esc(text.substring(at))).toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
