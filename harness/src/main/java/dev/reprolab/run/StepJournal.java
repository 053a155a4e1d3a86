package dev.reprolab.run;

import dev.reprolab.journal.Journal;
import dev.reprolab.journal.StepFinished;
import dev.reprolab.trial.StepResult;

/** The journal's record of one of the scenario's steps: where it is defined, how it ended, and the end of its output. */
final class StepJournal {

    /** Output kept in the journal per step; the whole output is in the trial's steps/ directory. */
    static final int OUTPUT_CHARS = 2000;

    private StepJournal() {
    }

    static void append(Journal journal, String vm, String patchSet, String trialId, StepResult r) {
        String out = r.output();
        journal.append(new StepFinished(r.step().hook(), r.step().name(), r.step().shell().label(), r.step().definedAt(), patchSet,
                trialId, vm, r.exitCode(), r.timedOut(), r.elapsed().toMillis(),
                out.length() > OUTPUT_CHARS ? "..." + out.substring(out.length() - OUTPUT_CHARS) : out, r.failed() ? r.errorText() : null));
    }
}
