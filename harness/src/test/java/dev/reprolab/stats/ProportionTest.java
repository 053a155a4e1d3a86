package dev.reprolab.stats;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

/** Wilson intervals against Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3. */
public class ProportionTest {

    private static void check(int k, int n, double low, double high) {
        Proportion p = Proportion.wilson(k, n);
        assertEquals(p.low(), low, 0.00005, "low for " + k + "/" + n);
        assertEquals(p.high(), high, 0.00005, "high for " + k + "/" + n);
    }

    @Test
    public void matchesNewcombesPublishedValues() {
        check(81, 263, 0.2553, 0.3662);
        check(15, 148, 0.0624, 0.1605);
        check(0, 20, 0.0, 0.1611);
        check(1, 29, 0.0061, 0.1718);
    }

    @Test
    public void verdictNeedsEnoughCleanTrialsToSayDoesNot() {
        assertEquals(Verdict.trialsToRuleOut(0.5), 5);
        assertEquals(Verdict.trialsToRuleOut(0.1), 29);
        assertEquals(Verdict.of(0, 4, 0.5), Verdict.UNDECIDED);
        assertEquals(Verdict.of(0, 5, 0.5), Verdict.DOES_NOT);
        assertEquals(Verdict.of(1, 1, 0.5), Verdict.REPRODUCES);
    }
}
