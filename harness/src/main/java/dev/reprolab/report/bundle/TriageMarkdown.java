package dev.reprolab.report.bundle;

import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialTriage;
import dev.reprolab.report.RunData;
import dev.reprolab.report.Signatures;
import java.util.List;

/** summary.md's "Triage": hangs by signature with the debugger's lines of one example, then every hung trial's logs. */
final class TriageMarkdown {

    private TriageMarkdown() {
    }

    static void append(StringBuilder b, RunData run) {
        List<TrialFinished> hung = run.events(TrialFinished.class).stream().filter(TrialFinished::hung).toList();
        if (hung.isEmpty()) {
            return;
        }
        b.append("\n## Triage\n\n| signature | counted as | trials per patch set | listener at dump time |\n|---|---|---|---|\n");
        List<Signatures.Group> groups = Signatures.of(hung);
        for (Signatures.Group g : groups) {
            b.append("| `").append(g.signature()).append("` | ").append(g.bug() ? "the bug" : "another hang (not counted)").append(" | ")
                    .append(g.perPatchSet()).append(" | ").append(Signatures.listener(g.exampleListener(), g.enumerations())).append(" |\n");
        }
        for (Signatures.Group g : groups) {
            Signatures.excerpt(g.exampleLog() == null ? null : run.dir().resolve(g.exampleLog()), g.signature(), 40).ifPresent(x ->
                    b.append("\n### ").append(g.signature()).append("\n\nTrial `").append(g.exampleTrial()).append("`, `")
                            .append(g.exampleLog()).append("`:\n\n```\n").append(x).append("\n```\n"));
        }
        b.append("\nDebugger logs per hung trial:\n\n");
        for (TrialFinished e : hung) {
            b.append("- `").append(e.trialId()).append("` ").append(e.outcome()).append(':');
            for (TrialTriage.Log l : e.triageLogs()) {
                b.append(' ').append(l.kind()).append(l.file() != null ? " `" + l.file() + "`" : "")
                        .append(l.unavailable() != null ? " (" + l.unavailable() + ")" : "").append(';');
            }
            if (e.triage() == null) {
                b.append(" no triage recorded;");
            }
            b.append('\n');
        }
    }
}
