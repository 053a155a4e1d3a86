package dev.reprolab.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's side of the HTTP file channel: a small HTTP server (the JDK's) that serves each offered file at
 * an unguessable URL and receives each expected upload at another, streaming both ways (a gigabyte dump never sits
 * in memory). Only what a transfer registered is reachable, and only while that transfer runs: any other path is
 * a 404. One server per bind address and port, shared by the transfers running at once (a pool of guests preparing
 * together) and stopped when the last of them ends.
 */
final class HttpFileServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFileServer.class);
    private static final Map<String, HttpFileServer> SERVERS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bytes per read and write: large enough that the copy is not the bottleneck, small enough to be no heap cost. */
    static final int BUFFER = 1 << 18;

    /** Names of the files served and received so far in this JVM, newest last (at most 1000 each): for tests and the benchmark. */
    private static final java.util.Deque<String> SERVED = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final java.util.Deque<String> RECEIVED = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private final String key;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Path> offered = new ConcurrentHashMap<>();
    private final Map<String, Upload> expected = new ConcurrentHashMap<>();
    private int users;

    private HttpFileServer(String key, InetSocketAddress bind) throws IOException {
        this.key = key;
        this.server = HttpServer.create(bind, 16);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "file-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/f/", this::handle);
        server.start();
    }

    /** The server on {@code bindAddress}:{@code port} (0: any free port), started if none runs; release it with {@link #release}. */
    static HttpFileServer acquire(String bindAddress, int port) {
        String key = bindAddress + "|" + port;
        synchronized (SERVERS) {
            HttpFileServer s = SERVERS.get(key);
            if (s == null) {
                try {
                    s = new HttpFileServer(key, new InetSocketAddress(InetAddress.getByName(bindAddress), port));
                } catch (IOException e) {
                    throw new dev.reprolab.remote.LabException("cannot start the controller's HTTP file server on " + bindAddress
                            + (port == 0 ? "" : ":" + port) + ": " + e.getMessage()
                            + " (set lab.fileServer.bind / port, or use lab.fileChannel: winrm)", e);
                }
                SERVERS.put(key, s);
            }
            s.users++;
            return s;
        }
    }

    void release() {
        synchronized (SERVERS) {
            if (--users == 0) {
                SERVERS.remove(key);
                server.stop(0);
                workers.shutdownNow();
            }
        }
    }

    static List<String> served() {
        return List.copyOf(SERVED);
    }

    static List<String> received() {
        return List.copyOf(RECEIVED);
    }

    private static void note(java.util.Deque<String> d, Path p) {
        d.addLast(p.getFileName().toString());
        while (d.size() > 1000) {
            d.pollFirst();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Makes {@code file} fetchable until the returned handle is closed; the handle names its URL path. */
    Registration offer(Path file) {
        String token = token();
        offered.put(token, file);
        return new Registration("/f/" + token, () -> offered.remove(token));
    }

    /** Accepts one PUT (or POST) of a file into {@code target} until the handle is closed. */
    Expected expect(Path target) {
        String token = token();
        Upload u = new Upload(target);
        expected.put(token, u);
        return new Expected("/f/" + token, u.result, () -> {
            expected.remove(token);
            HttpExchange x = u.exchange;
            if (x != null && !u.result.isDone()) {
                x.close(); // a guest that stalls mid-body must not hold a worker past the transfer's deadline
            }
        });
    }

    /** A URL path registered for one transfer; closing it makes the path a 404 again. */
    record Registration(String path, Runnable revoke) implements AutoCloseable {
        @Override
        public void close() {
            revoke.run();
        }
    }

    /** An expected upload: its path and what arrived (bytes and SHA-256 of the body as received). */
    record Expected(String path, CompletableFuture<Received> received, Runnable revoke) implements AutoCloseable {
        @Override
        public void close() {
            revoke.run();
        }
    }

    record Received(long bytes, String sha256) {
    }

    private static final class Upload {
        final Path target;
        final CompletableFuture<Received> result = new CompletableFuture<>();
        volatile HttpExchange exchange;

        Upload(Path target) {
            this.target = target;
        }
    }

    private static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String token = x.getRequestURI().getPath().substring("/f/".length());
            String method = x.getRequestMethod();
            Path file = offered.get(token);
            Upload up = expected.get(token);
            if (method.equals("GET") && file != null) {
                serve(x, file);
            } else if ((method.equals("PUT") || method.equals("POST")) && up != null) {
                expected.remove(token); // one upload per registration
                receive(x, up);
            } else {
                x.sendResponseHeaders(file == null && up == null ? 404 : 405, -1);
            }
        }
    }

    private static void serve(HttpExchange x, Path file) throws IOException {
        long size = Files.size(file);
        x.getResponseHeaders().set("Content-Type", "application/octet-stream");
        x.sendResponseHeaders(200, size == 0 ? -1 : size); // 0 would mean "chunked" to the JDK server
        try (InputStream in = Files.newInputStream(file); OutputStream out = x.getResponseBody()) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            note(SERVED, file);
        } catch (IOException e) {
            LOG.debug("serving {} ended early: {}", file, e.getMessage()); // the guest's hash check reports it
        }
    }

    private static void receive(HttpExchange x, Upload up) throws IOException {
        up.exchange = x;
        Path part = up.target.resolveSibling(up.target.getFileName() + ".part");
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        try (InputStream in = x.getRequestBody(); OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                md.update(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            Files.deleteIfExists(part);
            up.result.completeExceptionally(e);
            x.sendResponseHeaders(500, -1);
            return;
        }
        try {
            Files.move(part, up.target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            up.result.completeExceptionally(new UncheckedIOException(e));
            x.sendResponseHeaders(500, -1);
            return;
        }
        note(RECEIVED, up.target);
        up.result.complete(new Received(total, HexFormat.of().formatHex(md.digest())));
        x.sendResponseHeaders(201, -1);
    }
}
