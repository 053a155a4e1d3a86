package dev.reprolab.trial;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;

public class HttpLoadTest {

    @Test
    public void drivesRealRequestsAndCountsSuccesses() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        AtomicInteger served = new AtomicInteger();
        server.createContext("/", ex -> {
            byte[] body = "It works!".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            served.incrementAndGet();
        });
        server.start();
        try (HttpLoad load = new HttpLoad("127.0.0.1", server.getAddress().getPort(), 3, 0, Duration.ofSeconds(5))) {
            load.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() >= 30);
            assertEquals(load.failed(), 0L);
        } finally {
            server.stop(0);
        }
        assertTrue(served.get() >= 30);
    }

    @Test
    public void countsRefusedConnectionsAsFailures() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HttpLoad load = new HttpLoad("127.0.0.1", port, 1, 50, Duration.ofSeconds(2))) {
            load.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.failed() >= 3);
            assertEquals(load.succeeded(), 0L);
        }
    }
}
