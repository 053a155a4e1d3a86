package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ServiceState;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.trial.HttpLoad;
import java.time.Duration;
import org.testng.annotations.Test;

/** A stock 2008 R2 drops inbound connections to a port no firewall rule opens: Apache listens, nobody reaches it. */
public class GuestFirewallTest {

    @Test
    public void port80IsDroppedUntilARuleAllowsItAndAnsweredAfter() throws Exception {
        SimGuest g = SimGuestTest.booted(false);
        try {
            assertEquals(SimGuestTest.run(g, "netsh advfirewall firewall delete rule name=http").exit(), 0);
            GuestDefect.FIREWALL_CLOSED.apply(g);
            assertEquals(SimGuestTest.run(g, "sc start Apache2.4").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> SimGuestTest.status(g).state() == ServiceState.RUNNING);
            try (HttpLoad load = new HttpLoad("127.0.0.1", g.httpPort(), 2, 0, Duration.ofMillis(700)).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.failed() >= 2);
                assertEquals(load.succeeded(), 0L, "a dropped connection is never answered");
            }
            SimGuestTest.Out add = SimGuestTest.run(g, "netsh advfirewall firewall add rule name=reprolab-workload-tcp-80 dir=in action=allow protocol=TCP localport=80");
            assertTrue(add.stdout().contains("Ok."), add.stdout());
            try (HttpLoad load = new HttpLoad("127.0.0.1", g.httpPort(), 2, 0, Duration.ofSeconds(5)).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 5);
            }
        } finally {
            g.close();
        }
    }
}
