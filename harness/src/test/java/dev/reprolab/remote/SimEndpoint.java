package dev.reprolab.remote;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.guest.SimGuestBuilder;
import dev.reprolab.sim.guest.SystemImage;
import dev.reprolab.sim.winrm.WsmanServer;
import dev.reprolab.sim.winrm.WsmanServerBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/** One simulated 2008 R2 guest behind its WinRM endpoint, with the endpoint's settings open to a test. */
public final class SimEndpoint implements AutoCloseable {

    static final String PASSWORD = "S1m-endpoint!pw";

    public final SimGuest guest;
    final WsmanServer server;

    SimEndpoint(UnaryOperator<WsmanServerBuilder> endpoint) throws IOException {
        this(b -> b, endpoint);
    }

    /** A guest built with {@code machine} applied to the endpoint's defaults (200 ms boots), behind a plain endpoint. */
    public static SimEndpoint of(UnaryOperator<SimGuestBuilder> machine) throws IOException {
        return new SimEndpoint(machine, b -> b);
    }

    SimEndpoint(UnaryOperator<SimGuestBuilder> machine, UnaryOperator<WsmanServerBuilder> endpoint) throws IOException {
        Path disk = Files.createTempDirectory("endpoint").resolve("disk");
        Files.createDirectories(disk);
        SystemImage.populate(disk);
        int port = freePort();
        guest = machine.apply(SimGuest.builder("lab-01", disk).winrmPort(port).httpPort(freePort()).bootDelay(Duration.ofMillis(200))).build();
        server = endpoint.apply(WsmanServer.builder().backend(guest).credentials("Administrator", PASSWORD).port(port)
                .machine(guest.computerName())).build();
        guest.powerListener(new SimGuest.PowerListener() {
            @Override
            public void offline() {
                server.goOffline();
            }

            @Override
            public void online() {
                if (server.port() == 0) {
                    server.start();
                } else {
                    server.goOnline();
                }
            }
        });
        guest.powerOn();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> guest.powerState() == SimVm.PowerState.RUNNING && server.online());
    }

    public GuestAddress address() {
        return new GuestAddress("lab-01", "127.0.0.1", server.port(), server.https(),
                new Credentials("Administrator", Secret.of(PASSWORD)), server.certificateSha256(), Map.of());
    }

    GuestAddress address(Optional<String> pin) {
        GuestAddress a = address();
        return new GuestAddress(a.vm(), a.host(), a.winrmPort(), a.https(), a.credentials(), pin, a.portForwards());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        guest.close();
        server.close();
    }
}
