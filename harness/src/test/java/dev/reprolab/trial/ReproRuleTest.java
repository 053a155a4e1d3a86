package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.Outcome;
import dev.reprolab.trial.Classifier.Observation;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.ReproducedWhen.Condition;
import dev.reprolab.workload.ReproducedWhen.Rule;
import dev.reprolab.workload.ReproducedWhen.Term;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testng.annotations.Test;

public class ReproRuleTest {

    private static Classifier.Classification under(ReproducedWhen rule, Observation o, ReproRule.Extra x) {
        return ReproRule.apply(rule, Classifier.classify(o), o, x);
    }

    @Test
    public void theDefaultRuleGivesExactlyTheClassifiersOutcomeAndReasonForEveryCase() {
        for (Object[] row : new ClassifierTest().cases()) {
            Observation o = (Observation) row[0];
            Classifier.Classification plain = Classifier.classify(o);
            Classifier.Classification ruled = under(ReproducedWhen.DEFAULT, o, ReproRule.Extra.NONE);
            assertEquals(ruled, plain, o.toString());
        }
    }

    @Test
    public void aHangTheScenarioDoesNotAskForIsNotCountedAndSaysWhy() {
        ReproducedWhen onlyRestart = new ReproducedWhen(List.of(new Rule(List.of(Term.of(Condition.RESTART_FAILS)))));
        Observation hung = new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, true, true, null);
        Classifier.Classification c = under(onlyRestart, hung, ReproRule.Extra.NONE);
        assertEquals(c.outcome(), Outcome.OTHER_FAILURE);
        assertTrue(c.reason().contains("not a reproduction under reproducedWhen: restart-fails"), c.reason());
        Classifier.Classification r = under(onlyRestart, hung, new ReproRule.Extra(Optional.of("TCP port is already in use"), Map.of()));
        assertEquals(r.outcome(), Outcome.RESTART_FAILED);
        assertTrue(r.reason().contains("TCP port is already in use"), r.reason());
        assertTrue(r.outcome().reproduces());
    }

    @Test
    public void stopPendingAloneCountsAHangWhoseProcessDiedWhenKilled() {
        ReproducedWhen stopPending = new ReproducedWhen(List.of(new Rule(List.of(Term.of(Condition.STOP_PENDING_PAST_DEADLINE)))));
        Observation diedWhenKilled = new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, false, false, null);
        assertEquals(Classifier.classify(diedWhenKilled).outcome(), Outcome.OTHER_FAILURE);
        assertEquals(under(stopPending, diedWhenKilled, ReproRule.Extra.NONE).outcome(), Outcome.HUNG);
        Observation advancing = new Observation(ServiceState.STOP_PENDING, List.of(1L, 2L, 3L), true, true, false, null);
        assertEquals(under(stopPending, advancing, ReproRule.Extra.NONE).outcome(), Outcome.OTHER_FAILURE, "a slow stop is no hang");
    }

    @Test
    public void allNeedsEveryTermAndStepFailsNamesItsHook() {
        Term observe = new Term(Condition.STEP_FAILS, Optional.of(Hook.OBSERVE));
        ReproducedWhen both = new ReproducedWhen(List.of(new Rule(List.of(Term.of(Condition.PORT_STUCK), observe))));
        Observation stuck = new Observation(ServiceState.STOPPED, List.of(), false, false, true, null);
        assertEquals(under(both, stuck, ReproRule.Extra.NONE).outcome(), Outcome.OTHER_FAILURE);
        var x = new ReproRule.Extra(Optional.empty(), Map.of(Hook.OBSERVE, "observe 'x' (cmd) failed with exit code 1"));
        assertEquals(under(both, stuck, x).outcome(), Outcome.PORT_STUCK);
        ReproducedWhen step = new ReproducedWhen(List.of(new Rule(List.of(observe))));
        Observation clean = new Observation(ServiceState.STOPPED, List.of(), false, false, false, null);
        Classifier.Classification c = under(step, clean, x);
        assertEquals(c.outcome(), Outcome.STEP_FAILED);
        assertEquals(c.reason(), "observe 'x' (cmd) failed with exit code 1");
        assertTrue(both.countsFailureOf(Hook.OBSERVE) && !both.countsFailureOf(Hook.BEFORE_STOP));
    }

    @Test
    public void anInfrastructureErrorStaysOne() {
        Observation o = new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, true, true, "WinRM timed out");
        ReproducedWhen any = new ReproducedWhen(List.of(new Rule(List.of(Term.of(Condition.RESTART_FAILS)))));
        assertEquals(under(any, o, new ReproRule.Extra(Optional.of("x"), Map.of())).outcome(), Outcome.INFRA_ERROR);
    }
}
