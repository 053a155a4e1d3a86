package dev.reprolab.run;

import dev.reprolab.journal.Journal;
import dev.reprolab.trial.StepResult;

/** The journal's record of one of the scenario's steps: where it is defined, how it ended, and the end of its output. */
final class StepJournal {

    /** Output kept in the journal per step; the whole output is in the trial's steps/ directory. */
    static final int OUTPUT_CHARS = 2000;

    private StepJournal() {
    }

    static void append(Journal journal, String vm, String patchSet, String trialId, StepResult r) {
        journal.append("step-finished", e -> {
            e.put("hook", r.step().hook());
            e.put("step", r.step().name());
            e.put("shell", r.step().shell().label());
            e.put("definedAt", r.step().definedAt());
            e.put("patchSet", patchSet);
            if (trialId != null) {
                e.put("trialId", trialId);
            }
            e.put("guest", vm);
            e.put("exitCode", r.exitCode());
            e.put("timedOut", r.timedOut());
            e.put("durationMs", r.elapsed().toMillis());
            String out = r.output();
            e.put("output", out.length() > OUTPUT_CHARS ? "..." + out.substring(out.length() - OUTPUT_CHARS) : out);
            if (r.failed()) {
                e.put("error", r.errorText());
            }
        });
    }
}
