package dev.reprolab.catalog;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.lab.sim.CatalogPatchEffects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.testng.annotations.Test;

public class CatalogTest {

    static Catalog catalog() {
        Path p = Paths.get("..", "vm-images", "catalog.yaml");
        return Catalog.load(Files.exists(p) ? p : Paths.get("vm-images", "catalog.yaml"));
    }

    @Test
    public void theJulyUpdatesCarryTheRegressionAndTheFixRemovesIt() {
        Catalog c = catalog();
        assertFalse(c.carriesRegression(List.of("KB4284826")));
        assertTrue(c.carriesRegression(List.of("KB4284826", "KB4338818")));
        assertTrue(c.carriesRegression(List.of("KB4338823")));
        assertFalse(c.carriesRegression(List.of("KB4338818", "KB4345459")), "fix installed with the regression is fine");
        assertFalse(c.carriesRegression(List.of("KB4338818", "KB4343900")), "August rollup carries the fix");
        assertFalse(c.carriesRegression(List.of()));
    }

    @Test
    public void levelsAreOrderedAndNameTheCauseAndTheFix() {
        List<String> levels = catalog().levels("rollup-2018");
        assertTrue(levels.size() >= 8);
        int firstBad = -1;
        int firstFixed = -1;
        for (int i = 1; i <= levels.size(); i++) {
            boolean bad = catalog().carriesRegression(levels.subList(0, i));
            if (bad && firstBad < 0) {
                firstBad = i - 1;
            }
            if (!bad && firstBad >= 0 && firstFixed < 0) {
                firstFixed = i - 1;
            }
        }
        assertEquals(levels.get(firstBad), "KB4338818");
        assertEquals(levels.get(firstFixed), "KB4345459");
    }

    @Test
    public void tcpipVersionFollowsTheNewestUpdate() {
        assertEquals(catalog().tcpipVersion(List.of("KB4284826", "KB4338818")).orElseThrow(), "6.1.7601.24168");
        assertEquals(new CatalogPatchEffects(catalog()).fileVersion("tcpip.sys", List.of()).orElseThrow(), "6.1.7601.17514");
    }
}
