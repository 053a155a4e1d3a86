package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.Outcome;
import dev.reprolab.trial.Classifier.Observation;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class ClassifierTest {

    @DataProvider
    public Object[][] cases() {
        return new Object[][] {
            {new Observation(ServiceState.STOPPED, List.of(1L, 2L, 3L), false, false, false, null), Outcome.STOPPED_CLEANLY},
            {new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L, 4L), true, true, true, null), Outcome.HUNG},
            {new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, true, false, null), Outcome.HUNG},
            // checkpoint still advancing: a slow stop, not the case's hang
            {new Observation(ServiceState.STOP_PENDING, List.of(1L, 2L, 3L), true, true, true, null), Outcome.OTHER_FAILURE},
            // too few samples to call it stalled
            {new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L), true, true, true, null), Outcome.OTHER_FAILURE},
            // stalled but the process died when killed: not the kernel-side hang
            {new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, false, false, null), Outcome.OTHER_FAILURE},
            {new Observation(ServiceState.STOPPED, List.of(), false, false, true, null), Outcome.PORT_STUCK},
            {new Observation(ServiceState.STOPPED, List.of(), true, false, false, null), Outcome.OTHER_FAILURE},
            {new Observation(ServiceState.RUNNING, List.of(), true, false, true, null), Outcome.OTHER_FAILURE},
            {new Observation(null, List.of(), true, false, true, null), Outcome.OTHER_FAILURE},
            // an infrastructure error overrides everything observed
            {new Observation(ServiceState.STOP_PENDING, List.of(4L, 4L, 4L), true, true, true, "WinRM timed out"), Outcome.INFRA_ERROR},
        };
    }

    @Test(dataProvider = "cases")
    public void classifies(Observation observation, Outcome expected) {
        Classifier.Classification c = Classifier.classify(observation);
        assertEquals(c.outcome(), expected, c.reason());
        assertTrue(!c.reason().isBlank());
    }

    @Test
    public void reasonNamesTheStuckCheckpoint() {
        var c = Classifier.classify(new Observation(ServiceState.STOP_PENDING, List.of(7L, 9L, 9L, 9L), true, true, true, null));
        assertTrue(c.reason().contains("checkpoint stuck at 9"), c.reason());
        assertTrue(c.reason().contains("port still LISTENING"), c.reason());
    }

    @Test
    public void outcomesCountAndReproduceAsDocumented() {
        assertTrue(Outcome.HUNG.reproduces() && Outcome.PORT_STUCK.reproduces());
        assertTrue(!Outcome.STOPPED_CLEANLY.reproduces() && !Outcome.INFRA_ERROR.counts());
    }
}
