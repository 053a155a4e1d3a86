package dev.reprolab.sim.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class WindowsFeaturesTest {

    @Test
    public void installingWebServerInstallsItsRoleServicesAndWasOnceWithListenersToldParentsFirst() {
        WindowsFeatures f = new WindowsFeatures();
        List<String> told = new ArrayList<>();
        f.addListener(x -> told.add(x.name()));
        assertFalse(f.isInstalled("Web-Server"));
        List<WindowsFeatures.Feature> added = f.install("web-server");
        assertTrue(f.isInstalled("Web-Server"));
        assertTrue(f.isInstalled("IIS-WebServerRole"), "DISM's name of the same feature");
        assertTrue(f.isInstalled("WAS-Process-Model"));
        assertEquals(told.get(0), "Web-Server");
        assertTrue(told.indexOf("Web-Common-Http") < told.indexOf("Web-Static-Content"));
        assertEquals(added.size(), told.size());
        assertTrue(f.install("Web-Server").isEmpty(), "a second install adds nothing");
        assertEquals(told.size(), added.size());
        assertFalse(f.isInstalled("Telnet-Client"));
    }

    @Test
    public void aCheckpointCopyKeepsTheInstalledSetApartAndTheListeners() {
        WindowsFeatures f = new WindowsFeatures();
        WindowsFeatures saved = f.copy();
        List<String> told = new ArrayList<>();
        f.addListener(x -> told.add(x.name()));
        f.install("Telnet-Client");
        assertFalse(saved.isInstalled("Telnet-Client"));
        saved.install("SNMP-Services");
        assertTrue(told.contains("SNMP-Services"), "listeners are the guest's, shared by its checkpoints");
        assertFalse(f.isInstalled("SNMP-Services"));
    }

    @Test(expectedExceptions = IllegalArgumentException.class)
    public void anUnknownFeatureIsRefused() {
        new WindowsFeatures().install("Web-Servr");
    }

    @Test
    public void depthFollowsParents() {
        List<WindowsFeatures.Feature> all = new WindowsFeatures().list();
        WindowsFeatures.Feature statics = all.stream().filter(x -> x.name().equals("Web-Static-Content")).findFirst().orElseThrow();
        assertEquals(statics.depth(all), 3);
        assertEquals(all.get(0).depth(all), 0);
    }

    @Test
    public void dismEnableFeatureInstallsIntoTheSameModelAndRejectsUnknownNames() throws Exception {
        SimGuest g = SimGuestTest.booted(false);
        try {
            SimGuestTest.Out bad = SimGuestTest.run(g, "dism /online /enable-feature /featurename:IIS-WebServerRol");
            assertEquals(bad.exit(), Servicing.FEATURE_UNKNOWN);
            assertTrue(bad.stdout().contains("Feature name IIS-WebServerRol is unknown."), bad.stdout());
            assertFalse(g.features().isInstalled("Web-Server"));
            SimGuestTest.Out ok = SimGuestTest.run(g, "dism /online /enable-feature /featurename:IIS-WebServerRole");
            assertEquals(ok.exit(), 0, ok.stdout());
            assertTrue(ok.stdout().contains("The operation completed successfully."));
            assertTrue(g.features().isInstalled("Web-Server"));
        } finally {
            g.close();
        }
    }
}
