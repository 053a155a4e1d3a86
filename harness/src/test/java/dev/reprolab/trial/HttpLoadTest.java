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
    public void aRateLimitedClientArrivesLikeIndependentUsersNotAMetronome() throws IOException {
        // exponential gaps have a coefficient of variation of 1; a fixed pause would give ~0 (plus scheduling jitter)
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        java.util.List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        server.createContext("/", ex -> {
            arrivals.add(System.nanoTime());
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            ex.close();
        });
        server.start();
        try (HttpLoad load = new HttpLoad("127.0.0.1", server.getAddress().getPort(), 1, 40, Duration.ofSeconds(5))) {
            load.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> arrivals.size() >= 121);
        } finally {
            server.stop(0);
        }
        double[] gaps = new double[120];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = (arrivals.get(i + 1) - arrivals.get(i)) / 1e6;
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / (gaps.length - 1));
        assertTrue(sd / mean > 0.6, "coefficient of variation " + sd / mean + " (mean gap " + mean + " ms)");
        assertTrue(mean > 12, "the rate limit holds (40/s: 25 ms mean gap), mean " + mean + " ms");
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
