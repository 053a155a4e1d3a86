package dev.reprolab.run;

import dev.reprolab.journal.ClockOffset;
import dev.reprolab.journal.DumpCaptured;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.PatchSetPrepared;
import dev.reprolab.journal.PollInterval;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialStarted;
import dev.reprolab.journal.TrialTriage;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StepResult;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import dev.reprolab.trial.Triage;

/**
 * Writes what the experiment reports into the run's journal, the same way for {@code lab run}, {@code lab trial}
 * and {@code lab bisect}. Each event is appended and forced to disk before the call returns.
 *
 * <p>The order of a journal's events (each line one {@link dev.reprolab.journal.JournalEvent}):
 * <ol>
 *   <li>{@code run-started}, or {@code run-resumed} when the directory already had a journal — once per
 *       invocation of {@code lab run}/{@code lab trial}; {@code lab bisect} writes {@code bisect-started} instead.</li>
 *   <li>{@code patchset-prepared} — the first time a VM is brought to a patch set, before that VM's first trial of
 *       it (a VM that already holds the patch set's checkpoint from an earlier trial does not repeat it).</li>
 *   <li>{@code step-finished} for each of the scenario's prepare and install steps as it ends (no {@code trialId}).</li>
 *   <li>per trial: {@code trial-started}; {@code step-finished} for each of its steps; then, once the trial has ended,
 *       its dumps are fetched and a hang's debuggers have run, {@code dump-captured} for each dump (zero or more);
 *       then {@code trial-finished} (outcome, duration, artifacts and, for a triaged hang, its signature and debugger
 *       logs). Trials on different VMs interleave: only the events of one trial are in this order relative to each
 *       other.</li>
 *   <li>in a bisect, {@code bisect-step} after each counted trial's {@code trial-finished} (an infrastructure
 *       error is retried without one; with several VMs another VM's events may come between the two, and steps follow
 *       in the order the trials finished), and {@code bisect-finished} at the end, after every VM's last trial.</li>
 *   <li>{@code run-finished} when every planned trial has finished; a killed run has none (and resumes from
 *       its {@code trial-finished} events).</li>
 * </ol>
 * {@code lab investigate} runs these commands' code, each phase in its own directory with its own journal in this
 * order: the reproduce run in the investigation's directory, the bisects in {@code cause/} and {@code fix/}.
 */
public final class JournalRecorder implements TrialRecorder {

    private final Journal journal;

    public JournalRecorder(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
        journal.append(new PatchSetPrepared(spec.name(), vm, prepared.checkpoint(), spec.kbs(), prepared.installed(),
                prepared.fileVersions()));
    }

    @Override
    public void stepFinished(String vm, String patchSet, String trialId, StepResult r) {
        StepJournal.append(journal, vm, patchSet, trialId, r);
    }

    @Override
    public void trialStarted(TrialSpec t, String vm) {
        journal.append(new TrialStarted(t.trialId(), t.patchSet(), t.cell(), t.factors(), vm));
    }

    @Override
    public void trialFinished(TrialSpec t, String vm, StopCycle.Result r) {
        String dir = "trials/" + t.trialId() + "/";
        for (var d : r.dumps()) {
            journal.append(new DumpCaptured(t.trialId(), t.patchSet(), d.kind(), dir + d.relativePath(), d.bytes(), d.sha256(),
                    d.valid(), d.problems()));
        }
        Triage.Result tr = r.triage();
        boolean triaged = !tr.logs().isEmpty();
        journal.append(new TrialFinished(t.trialId(), t.patchSet(), t.cell(), t.factors(), vm, r.outcome(), r.reason(),
                r.elapsed().toMillis(), r.artifacts().stream().map(a -> dir + a).toList(), r.enumerations(),
                r.poll().map(p -> new PollInterval(p.target().toMillis(), p.samples(), p.median().toMillis(), p.mean().toMillis(),
                        p.p95().toMillis(), p.max().toMillis(), p.excluded())).orElse(null),
                triaged ? tr.signature().orElse(null) : null, triaged ? tr.bucket().orElse(null) : null,
                triaged ? triage(tr, dir) : null, null, clock(r.clock().start()), clock(r.clock().end())));
    }

    private static ClockOffset clock(java.util.Optional<dev.reprolab.trial.ClockOffset> o) {
        return o.map(c -> new ClockOffset(c.offset().toMillis(), c.error().toMillis(), c.measuredAt().toString())).orElse(null);
    }

    /** The triage's part of a trial-finished: every debugger run, its log's path relative to the run directory. */
    private static TrialTriage triage(Triage.Result tr, String dir) {
        TrialTriage.Listener listener = tr.listener().map(l -> new TrialTriage.Listener(l.port(), l.references(), l.owner(), l.leaked()))
                .orElse(null);
        return new TrialTriage(tr.seconds(), listener, tr.logs().stream().map(l -> new TrialTriage.Log(l.kind(),
                l.file() == null ? null : dir + l.file(), l.signature(), l.bucket(),
                l.unavailable() == null ? null : "triage unavailable: " + l.unavailable(), l.seconds())).toList());
    }
}
