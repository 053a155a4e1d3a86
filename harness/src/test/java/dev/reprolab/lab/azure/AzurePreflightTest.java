package dev.reprolab.lab.azure;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimAzure;
import dev.reprolab.sim.azure.SimArm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code lab doctor --lab azure}'s subscription checks against the simulated resource manager, each both ways. */
public class AzurePreflightTest {

    private SimArm arm;
    private Path dir;
    private int n;

    @BeforeClass
    public void start() throws Exception {
        dir = Files.createTempDirectory("preflight");
        arm = SimAzure.start(Catalog.load(Path.of("../vm-images/catalog.yaml")), dir.resolve("disks"), Duration.ofMillis(300));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    /** The simulated lab's config with {@code edits} applied as (from, to) pairs. */
    private AzureConfig config(String... edits) throws Exception {
        Path f = SimAzure.writeConfig(arm, dir.resolve("c" + n++), 2, false);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (int i = 0; i < edits.length; i += 2) {
            assertTrue(text.contains(edits[i]), edits[i]);
            text = text.replace(edits[i], edits[i + 1]);
        }
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return AzureConfig.load(f);
    }

    private static AzurePreflight.Check only(List<AzurePreflight.Check> checks, String about) {
        return checks.stream().filter(c -> c.message().contains(about)).findFirst().orElseThrow(() -> new AssertionError(checks.toString()));
    }

    @Test
    public void theSimulatedSubscriptionPassesEveryCheck() throws Exception {
        List<AzurePreflight.Check> checks = AzurePreflight.run(config());
        assertEquals(checks.size(), 4, checks.toString());
        assertTrue(checks.stream().allMatch(c -> c.status() == AzurePreflight.Status.OK), checks.toString());
        assertTrue(only(checks, "quota").message().contains("covers 2 × Standard_D2s_v3 (4 vCPUs)"), checks.toString());
        assertTrue(only(checks, "NSG").message().contains("covers this controller (127.0.0.1)"), checks.toString());
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, "x").size(), 0);
    }

    @Test
    public void aRejectedCredentialIsOneFailureAndTheRestIsNotTried() throws Exception {
        Path f = SimAzure.writeConfig(arm, dir.resolve("badtoken"), 1, false);
        Files.writeString(f.resolveSibling("arm-token"), "not-the-token", StandardCharsets.UTF_8);
        List<AzurePreflight.Check> checks = AzurePreflight.run(AzureConfig.load(f));
        assertEquals(checks.size(), 1, checks.toString());
        assertEquals(checks.get(0).status(), AzurePreflight.Status.FAIL);
        assertTrue(checks.get(0).message().contains("InvalidAuthenticationToken"), checks.get(0).message());
        assertTrue(checks.get(0).fix().contains("az account get-access-token"), checks.get(0).fix());
    }

    @Test
    public void anImageInAnotherRegionOrMissingFails() throws Exception {
        AzurePreflight.Check other = only(AzurePreflight.run(config("region: westeurope", "region: northeurope")), "image");
        assertEquals(other.status(), AzurePreflight.Status.FAIL, other.toString());
        assertTrue(other.message().contains("is in westeurope, the pool's region is northeurope"), other.message());
        AzurePreflight.Check missing = only(AzurePreflight.run(config(SimArm.IMAGE_NAME, "no-such-image")), "image");
        assertEquals(missing.status(), AzurePreflight.Status.FAIL, missing.toString());
        assertTrue(missing.message().contains("does not exist"), missing.message());
    }

    @Test
    public void aQuotaTooSmallForThePoolOrASizeNotOfferedFails() throws Exception {
        arm.quota("standardDSv3Family", 3);
        try {
            AzurePreflight.Check q = only(AzurePreflight.run(config()), "quota");
            assertEquals(q.status(), AzurePreflight.Status.FAIL, q.toString());
            assertTrue(q.message().contains("0 of 3 vCPUs in use, the pool needs 4 (2 × Standard_D2s_v3)"), q.message());
            assertTrue(q.fix().contains("request at least 4"), q.fix());
        } finally {
            arm.quota("standardDSv3Family", 10);
        }
        AzurePreflight.Check size = only(AzurePreflight.run(config("vmSize: Standard_D2s_v3", "vmSize: Standard_Z99")), "vmSize");
        assertEquals(size.status(), AzurePreflight.Status.FAIL, size.toString());
        assertTrue(size.fix().contains("az vm list-skus -l westeurope"), size.fix());
    }

    @Test
    public void aControllerOutsideTheNsgSourceFailsAndTheWholeInternetWarns() throws Exception {
        AzurePreflight.Check c = only(AzurePreflight.run(config("controllerAddress: 127.0.0.1/32", "controllerAddress: 203.0.113.7/32")), "NSG");
        assertEquals(c.status(), AzurePreflight.Status.FAIL, c.toString());
        assertTrue(c.message().contains("this controller connects from 127.0.0.1"), c.message());
        assertEquals(c.fix(), "set controllerAddress: 127.0.0.1/32");
        AzurePreflight.Check open = only(AzurePreflight.run(config("controllerAddress: 127.0.0.1/32", "controllerAddress: 0.0.0.0/0")),
                "whole internet");
        assertEquals(open.status(), AzurePreflight.Status.WARN);
    }

    @Test
    public void doctorStopsBeforeProvisioningWhenASubscriptionCheckFails() throws Exception {
        arm.quota("cores", 1);
        try {
            Path f = SimAzure.writeConfig(arm, dir.resolve("cli"), 2, false);
            int before = arm.resourceIds().size();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream old = System.out;
            int exit;
            try {
                System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
                exit = dev.reprolab.cli.Main.execute("doctor", "--lab", "azure", "--lab-config", f.toString(), "--catalog", "../vm-images/catalog.yaml");
            } finally {
                System.setOut(old);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(exit, 1, text);
            assertTrue(text.contains("FAIL azure: quota Total Regional vCPUs in westeurope: 0 of 1 vCPUs in use"), text);
            assertTrue(text.contains("no pool was provisioned"), text);
            assertEquals(arm.resourceIds().size(), before, "nothing was created");
        } finally {
            arm.quota("cores", 20);
        }
    }
}
