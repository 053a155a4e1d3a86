package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.journal.Outcome;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.ReproducedWhen.Condition;
import dev.reprolab.workload.ReproducedWhen.Term;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a scenario's {@code reproducedWhen} to what a trial showed. Pure, like {@link Classifier}, whose
 * classification it starts from: under the default rule the outcome is exactly the classifier's (the case's results
 * do not depend on whether the rule is written down); under another rule, the first rule that holds names the
 * outcome, and a hang the scenario does not ask for is kept apart as OTHER_FAILURE, saying why.
 */
public final class ReproRule {

    private ReproRule() {
    }

    /**
     * What a trial showed beyond the stop itself.
     *
     * @param restartError empty when no restart was tried or it came back; else the error text it failed with
     * @param failedSteps the hooks whose step failed, with the failure's summary
     */
    public record Extra(Optional<String> restartError, Map<Hook, String> failedSteps) {

        public static final Extra NONE = new Extra(Optional.empty(), Map.of());
    }

    /** The conditions that held. */
    public static Set<Term> observed(Classifier.Observation o, Extra x) {
        Set<Term> t = new LinkedHashSet<>();
        ServiceState state = o.finalState();
        if (state == ServiceState.STOP_PENDING && Classifier.stalled(o.checkpoints())) {
            t.add(Term.of(Condition.STOP_PENDING_PAST_DEADLINE));
        }
        if (o.httpdAliveAfterStop() && o.httpdAliveAfterKill()) {
            t.add(Term.of(Condition.PROCESS_UNKILLABLE));
        }
        if (state == ServiceState.STOPPED && o.portListening()) {
            t.add(Term.of(Condition.PORT_STUCK));
        }
        if (x.restartError().isPresent()) {
            t.add(Term.of(Condition.RESTART_FAILS));
        }
        x.failedSteps().keySet().forEach(h -> t.add(new Term(Condition.STEP_FAILS, Optional.of(h))));
        return t;
    }

    public static Classifier.Classification apply(ReproducedWhen rule, Classifier.Classification c,
                                                  Classifier.Observation o, Extra x) {
        if (c.outcome() == Outcome.INFRA_ERROR) {
            return c;
        }
        Set<Term> seen = observed(o, x);
        Optional<ReproducedWhen.Rule> hit = rule.match(seen);
        if (hit.isEmpty()) {
            if (c.outcome().reproduces()) {
                return new Classifier.Classification(Outcome.OTHER_FAILURE, c.reason() + " — not a reproduction under reproducedWhen: " + rule);
            }
            return c;
        }
        ReproducedWhen.Rule r = hit.get();
        if (r.mentions(Condition.STOP_PENDING_PAST_DEADLINE) || r.mentions(Condition.PROCESS_UNKILLABLE)) {
            return c.outcome() == Outcome.HUNG ? c : new Classifier.Classification(Outcome.HUNG, "reproducedWhen " + r + ": " + c.reason());
        }
        if (r.mentions(Condition.PORT_STUCK)) {
            return c.outcome() == Outcome.PORT_STUCK ? c : new Classifier.Classification(Outcome.PORT_STUCK, "reproducedWhen " + r + ": " + c.reason());
        }
        if (r.mentions(Condition.RESTART_FAILS)) {
            return new Classifier.Classification(Outcome.RESTART_FAILED, "restart failed: " + x.restartError().orElse("?") + " (after: "
                    + c.reason() + ")");
        }
        Hook h = r.all().stream().filter(t -> t.condition() == Condition.STEP_FAILS).findFirst().flatMap(Term::hook).orElseThrow();
        return new Classifier.Classification(Outcome.STEP_FAILED, x.failedSteps().get(h));
    }
}
