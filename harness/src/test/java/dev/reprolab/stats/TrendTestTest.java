package dev.reprolab.stats;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.List;
import org.testng.annotations.Test;

public class TrendTestTest {

    @Test
    public void agrestisInfantMalformationExample() {
        // Agresti, Categorical Data Analysis (2nd ed.), Table 3.7: malformation by mother's alcohol consumption,
        // scores 0, 0.5, 1.5, 4.0, 7.0 drinks a day; the book gives M^2 = 6.57, P = 0.01 (two-sided), i.e. z = 2.56
        TrendTest.Result r = TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 48, 48 + 17066),
                new TrendTest.Group(0.5, 38, 38 + 14464), new TrendTest.Group(1.5, 5, 5 + 788), new TrendTest.Group(4.0, 1, 1 + 126),
                new TrendTest.Group(7.0, 1, 1 + 37)));
        assertEquals(r.z() * r.z(), 6.57, 0.005);
        assertEquals(r.pValue(), 0.0104, 0.0001);
        assertEquals(r.direction(), "rises");
    }

    @Test
    public void rsPropTrendTestExample() {
        // R's prop.trend.test documentation: smokers 83/86, 90/93, 129/136, 70/82 with scores 1..4:
        // X-squared = 8.2249, df = 1, p-value = 0.004132
        TrendTest.Result r = TrendTest.cochranArmitage(List.of(new TrendTest.Group(1, 83, 86), new TrendTest.Group(2, 90, 93),
                new TrendTest.Group(3, 129, 136), new TrendTest.Group(4, 70, 82)));
        assertEquals(r.z() * r.z(), 8.2249, 0.0001);
        assertEquals(r.pValue(), 0.004132, 0.000001);
        assertEquals(r.direction(), "falls");
    }

    @Test
    public void nothingToTestWhenEveryRateIsTheSameExtremeOrThereIsOneLevel() {
        assertFalse(TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 5, 5), new TrendTest.Group(1, 7, 7))).testable());
        assertFalse(TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 0, 5), new TrendTest.Group(1, 0, 7))).testable());
        assertFalse(TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 2, 5), new TrendTest.Group(1, 0, 0))).testable());
        assertEquals(TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 2, 5))).pValue(), 1.0);
        assertTrue(TrendTest.cochranArmitage(List.of(new TrendTest.Group(0, 0, 7), new TrendTest.Group(0.2, 2, 7),
                new TrendTest.Group(1, 6, 7))).pValue() < 0.001);
    }

    @Test
    public void erfcMatchesKnownValues() {
        assertEquals(TrendTest.erfc(0), 1.0, 1e-7);
        assertEquals(TrendTest.erfc(1), 0.157299207, 1e-7);
        assertEquals(TrendTest.erfc(-1), 1.842700793, 1e-7);
        assertEquals(TrendTest.erfc(3) / 2.209049700e-5, 1.0, 1e-6);
    }
}
