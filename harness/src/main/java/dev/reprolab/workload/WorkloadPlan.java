package dev.reprolab.workload;

/** Everything about a scenario's workload a preparation and a trial need: what runs, the author's steps, the rule. */
public record WorkloadPlan(Workload workload, Steps steps, ReproducedWhen reproducedWhen) {
}
