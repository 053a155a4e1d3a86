package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.sim.guest.GuestDefect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.Test;

/** {@code lab investigate} on a lab whose base image already carries the regression: said so, exit 1, no bisect. */
public class InvestigationBaseImageIT {

    @Test
    public void aBaseImageThatAlreadyReproducesIsSaidSoWithExit1AndNoBisect() throws Exception {
        Scenario s = InvestigationSimIT.smoke("netstat: [200ms]", "netstat: [200ms]");
        Path dir = Files.createTempDirectory("investigate").resolve("case");
        List<String> console = new ArrayList<>();
        int rc;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false,
                Map.of("*", Set.of(GuestDefect.REGRESSED_BASE_IMAGE)))) {
            rc = InvestigationSimIT.investigate(s, lab, dir, console);
        }
        String out = String.join("\n", console);
        assertEquals(rc, Main.EXIT_EXPECTATION_FAILED, out);
        assertTrue(out.contains("no patch set below june-2018 was ruled out"), out);
        assertTrue(out.contains("the base image already reproduces ("), out);
        assertTrue(out.contains("the investigation takes the base image as good, so the cause is not among the catalog's updates"), out);
        assertFalse(Files.exists(dir.resolve("cause")), "no bisect ran from a base image that is not good");
        assertTrue(Files.isRegularFile(dir.resolve("base").resolve("results.json")), "the base image's check is a run of its own");
    }

}
