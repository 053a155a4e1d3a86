package dev.reprolab.lab.sim;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackends;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import org.testng.annotations.Test;

/** A served simulated lab is an ordinary Hyper-V lab to `--lab hyperv --lab-config`. */
public class SimServeTest {

    @Test
    public void theWrittenConfigDrivesTheSimThroughTheHyperVBackend() throws Exception {
        Path catalog = Files.exists(Paths.get("../vm-images/catalog.yaml")) ? Paths.get("../vm-images/catalog.yaml") : Paths.get("vm-images/catalog.yaml");
        try (SimBackend sim = SimBackends.start(Catalog.load(catalog), 1, Files.createTempDirectory("sim"), false)) {
            Path dir = Files.createTempDirectory("serve");
            Path yaml = SimServe.writeConfig(sim, dir);
            assertFalse(Files.readString(yaml).contains(sim.config().host().credentials().password().reveal()), "no secret in the YAML");
            Path creds = SimServe.writeCredentials(sim, dir);
            assertEquals(java.nio.file.Files.getPosixFilePermissions(creds), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SimServe.json(sim, creds));
            assertEquals(line.path("hosts").size(), 2);
            assertEquals(line.path("hosts").get(1).path("role").asText(), "guest");
            assertTrue(line.path("hosts").get(0).path("winrm").asText().matches("http://127\\.0\\.0\\.1:\\d+/wsman"));
            try (LabBackend hv = LabBackends.open("hyperv", Optional.of(yaml))) {
                assertEquals(hv.vms(), sim.vms());
                assertTrue(hv.checkpoints("lab-01", Duration.ofSeconds(30)).contains("clean"));
                try (Guest g = new WinRmGuest(hv.address("lab-01", Duration.ofSeconds(30)))) {
                    assertEquals(g.run("hostname", Duration.ofSeconds(30)).stdout().strip(), "WIN-LAB01");
                }
            }
        }
    }
}
