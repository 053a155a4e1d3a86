package dev.reprolab.project;

import dev.reprolab.sim.winrm.SslMaterial;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * Lets the simulated 2008 R2 guests answer like SChannel (TLS 1.0) in the test JVM whatever test makes the first TLS
 * context (the JDK reads those settings once), as {@code lab run --lab sim} does when it starts its guests. The harness's client still offers TLS 1.2+ only, unless a test opts an endpoint in,
 * so the tests meet a stock guest's handshake failure as a real controller would.
 */
public final class LegacyTlsSuiteListener implements ISuiteListener {
    @Override
    public void onStart(ISuite suite) {
        SslMaterial.prepareJvm();
    }
}
