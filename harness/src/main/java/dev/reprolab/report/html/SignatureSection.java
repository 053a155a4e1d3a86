package dev.reprolab.report.html;

import dev.reprolab.journal.TrialFinished;
import dev.reprolab.report.RunData;
import dev.reprolab.report.Signatures;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** summary.html's "Hangs by signature": a table (signature × patch set) and the debugger's lines of one example each. */
final class SignatureSection {

    private SignatureSection() {
    }

    static void render(StringBuilder h, RunData run) {
        List<Signatures.Group> groups = Signatures.of(run.events(TrialFinished.class));
        if (groups.isEmpty()) {
            return;
        }
        Set<String> sets = new LinkedHashSet<>();
        run.cells().forEach(c -> sets.add(c.path("patchSet").asText()));
        groups.forEach(g -> sets.addAll(g.perPatchSet().keySet()));
        h.append("<h2 id=\"signatures\">Hangs by signature</h2>\n<table id=\"signature-table\"><tr><th>signature</th><th>counted as</th>");
        sets.forEach(s -> h.append("<th>").append(Html.esc(s)).append("</th>"));
        h.append("<th>listener at dump time</th></tr>\n");
        for (Signatures.Group g : groups) {
            h.append("<tr><td><code>").append(Html.esc(g.signature())).append("</code></td><td>")
                    .append(g.bug() ? "the bug" : "another hang (not counted)").append("</td>");
            sets.forEach(s -> h.append("<td>").append(g.perPatchSet().getOrDefault(s, 0)).append("</td>"));
            h.append("<td>").append(Html.esc(Signatures.listener(g.exampleListener(), g.enumerations()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Signatures.Group g : groups) {
            Signatures.excerpt(g.exampleLog() == null ? null : run.dir().resolve(g.exampleLog()), g.signature(), 40).ifPresent(x ->
                    h.append("<h3>").append(Html.esc(g.signature())).append("</h3>\n<p>Trial <code>").append(Html.esc(g.exampleTrial()))
                            .append("</code>, <code>").append(Html.esc(g.exampleLog())).append("</code>:</p>\n<pre class=\"kd\">")
                            .append(Html.esc(x)).append("</pre>\n"));
        }
    }
}
