package dev.reprolab.run;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

public class CellProgressTest {

    @Test
    public void countsFinishedTrialsAgainstTheCellsN() {
        assertEquals(CellProgress.bar(6, 10), "[######----]   6/10 ");
        assertEquals(CellProgress.bar(0, 5), "[----------]   0/5  ");
        assertEquals(CellProgress.bar(5, 5), "[##########]   5/5  ");
    }

    @Test
    public void extraTrialsFreedBySettledCellsAreCountedAndNamed() {
        assertEquals(CellProgress.bar(12, 10), "[##########]  12/10 +2 freed");
        assertEquals(CellProgress.bar(31, 10), "[##########]  31/10 +21 freed");
    }
}
