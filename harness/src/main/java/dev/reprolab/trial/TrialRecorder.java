package dev.reprolab.trial;

/**
 * Where the experiment reports what happens, as it happens. {@code dev.reprolab.run.JournalRecorder} writes it to
 * the run's journal (append + flush per event) for every command; the nightly TestNG suite adds Allure steps on top.
 *
 * <p>Order of the calls, per VM: {@link #patchSetPrepared} the first time the VM is brought to a patch set (before
 * that VM's first trial of it); then per trial {@link #trialStarted}, any number of {@link #phase}s, and
 * {@link #trialFinished} once, after the trial's dumps were fetched. Calls for different VMs come from different
 * threads and interleave; an implementation must be thread-safe.
 */
public interface TrialRecorder {

    /** Records nothing. */
    TrialRecorder NONE = new TrialRecorder() {
        @Override
        public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
        }

        @Override
        public void trialStarted(TrialSpec trial, String vm) {
        }

        @Override
        public void trialFinished(TrialSpec trial, String vm, StopCycle.Result result) {
        }
    };

    void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared);

    void trialStarted(TrialSpec trial, String vm);

    /** Called once per trial with its final result, after its dumps were fetched. */
    void trialFinished(TrialSpec trial, String vm, StopCycle.Result result);

    /** One of the scenario's steps finished; {@code trialId} is null for prepare and install steps. */
    default void stepFinished(String vm, String patchSet, String trialId, StepResult result) {
    }

    /** A phase of a trial began (restore, start, load, stop, classify, dump) — for step-wise reports. */
    default void phase(TrialSpec trial, String phase) {
    }
}
