package dev.reprolab.trial;

import dev.reprolab.workload.Installer;
import java.nio.file.Path;
import java.util.List;
import dev.reprolab.workload.WorkloadPlan;

/**
 * What a golden checkpoint is made of: a clean base, the workload (Apache, IIS or a service), an exact set of updates,
 * and whatever the scenario's prepare steps do.
 *
 * @param name the patch set's name in the scenario
 * @param kbs the updates, in install order (catalog order)
 * @param packages the local .msu file of each KB, same order
 * @param installer how updates go in: {@code dism} (expand + DISM) or {@code wusa-task} (wusa from a scheduled task)
 * @param plan the workload to install, the scenario's steps (prepare runs here) and its rule
 * @param baseCheckpoint the clean checkpoint every preparation starts from
 */
public record PatchSetSpec(String name, List<String> kbs, List<Path> packages, Installer installer, WorkloadPlan plan,
                           String baseCheckpoint) {

    /** The workload's service name ({@code Apache2.4}, {@code W3SVC}). */
    public String serviceName() {
        return plan.workload().serviceName();
    }

    /** The checkpoint holding this patch set's prepared state. */
    public String goldenCheckpoint() {
        return "golden-" + name;
    }
}
