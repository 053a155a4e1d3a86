package dev.reprolab.trial;

/**
 * Where the experiment reports what happens, as it happens. The run's journal implements it (append + flush per
 * event); the nightly TestNG suite adds Allure steps on top.
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
