package dev.reprolab.stats;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

public class FisherTest {

    @Test
    public void ladyTastingTea() {
        // Fisher (1935): 4 of 4 cups right, one-sided p = 1/70; the two-sided value is 2/70
        assertEquals(Fisher.twoSided(4, 0, 0, 4), 2.0 / 70, 1e-12);
    }

    @Test
    public void matchesRsFisherTest() {
        // R: fisher.test(matrix(c(3,1,1,3),2)) → p-value = 0.4857 (= 34/70)
        assertEquals(Fisher.twoSided(3, 1, 1, 3), 34.0 / 70, 1e-12);
        // R: fisher.test(matrix(c(0,10,7,3),2)) → p-value = 0.003096 (= 2·286/184756)
        assertEquals(Fisher.twoSided(0, 7, 10, 3), 0.0030959752, 1e-9);
        assertEquals(Fisher.twoSided(5, 5, 5, 5), 1.0, 1e-12);
    }
}
