package dev.reprolab.trial;

import dev.reprolab.workload.Hook;
import dev.reprolab.workload.WorkloadPlan;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trial's side of the scenario's steps: runs a hook's steps, keeps each one's script, exit code and output in the
 * trial's {@code steps/} directory, and decides what a failure is. A failing step that {@code reproducedWhen} names
 * ({@code step-fails: observe}) is an observation of the trial; any other failing step is the scenario's fault and
 * stops the run ({@link StepFailedException}).
 */
final class Hooks {

    private final StepRunner runner;
    private final WorkloadPlan plan;
    private final Path dir;
    private final List<String> artifacts;
    private final String where;
    private final Map<Hook, String> failed = new EnumMap<>(Hook.class);

    Hooks(StepRunner runner, WorkloadPlan plan, Path trialDir, List<String> artifacts, String where) {
        this.runner = runner;
        this.plan = plan;
        this.dir = trialDir;
        this.artifacts = artifacts;
        this.where = where;
    }

    void run(Hook hook) {
        for (StepResult r : runner.runAll(plan.steps().at(hook), Optional.of(dir))) {
            artifacts.add("steps/" + r.step().hook() + "-" + r.step().index() + ".txt");
            if (r.failed()) {
                if (!plan.reproducedWhen().countsFailureOf(hook)) {
                    throw new StepFailedException(r, where);
                }
                failed.put(hook, r.summary());
            }
        }
    }

    /** The hooks whose step failed where the scenario counts that, with what failed. */
    Map<Hook, String> failed() {
        return Map.copyOf(failed);
    }
}
