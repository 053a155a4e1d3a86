package dev.reprolab.sim.azure;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.testng.annotations.Test;

/**
 * Simulated subscriptions side by side (parallel test JVMs, a second {@code lab} on the machine) never hand out a
 * public address whose WinRM port another one's VM already holds.
 */
public class ArmStoreAddressTest {

    @Test
    public void aVmSkipsAddressesWhereSomethingListensOnWinRm() throws Exception {
        try (ServerSocket http = bound("127.0.2.201", 5985); ServerSocket https = bound("127.0.2.202", 5986)) {
            ArmStore store = new ArmStore("sub", 201);
            assertEquals(store.nextPublicAddress(), "127.0.2.203");
            assertEquals(store.nextPublicAddress(), "127.0.2.204");
        }
    }

    private static ServerSocket bound(String address, int port) throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, port));
        return s;
    }

    @Test
    public void oneSubscriptionHandsOutEachAddressOnce() {
        ArmStore store = new ArmStore("sub", 254);
        assertEquals(store.nextPublicAddress(), "127.0.2.254");
        assertNotEquals(store.nextPublicAddress(), "127.0.2.254", "it wraps round to .1, not past .254");
    }
}
