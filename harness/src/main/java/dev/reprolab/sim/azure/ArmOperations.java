package dev.reprolab.sim.azure;

import static dev.reprolab.sim.azure.ArmHttp.JSON;
import static dev.reprolab.sim.azure.ArmHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Long-running operations as ARM does them: accepted at once, run on a worker, their status polled until done. */
final class ArmOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArmOperations.class);

    private final SimArm.Config config;
    private final java.util.function.Supplier<String> endpoint;
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sim-arm-op");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Op> ops = new LinkedHashMap<>();

    ArmOperations(SimArm.Config config, java.util.function.Supplier<String> endpoint) {
        this.config = config;
        this.endpoint = endpoint;
    }

    static final class Op {
        final String id = UUID.randomUUID().toString();
        final Instant started = Instant.now();
        volatile String status = "InProgress";
        volatile JsonNode result;
        volatile ArmError error;
        volatile Instant ended;
    }

    synchronized Op newOp() {
        Op op = new Op();
        ops.put(op.id, op);
        return op;
    }

    interface Work {
        JsonNode run() throws Exception;
    }

    void run(Op op, Work w) {
        work.submit(() -> {
            try {
                op.result = w.run();
                op.status = "Succeeded";
            } catch (ArmError e) {
                op.error = e;
                op.status = "Failed";
            } catch (Exception e) {
                LOG.warn("simulated ARM: operation {} failed", op.id, e);
                op.error = new ArmError(500, "InternalExecutionError", String.valueOf(e.getMessage()));
                op.status = "Failed";
            } finally {
                op.ended = Instant.now();
            }
        });
    }

    /** Answers a write as a long-running operation: status, body, Azure-AsyncOperation (+ Location for POST/DELETE). */
    void accepted(HttpExchange ex, int status, JsonNode body, boolean location, String apiVersion, Work w) throws IOException {
        Op op = newOp();
        String base = endpoint.get() + "subscriptions/" + config.subscriptionId() + "/providers/Microsoft.Compute/locations/"
                + config.location() + "/operations/" + op.id + "?api-version=" + apiVersion;
        ex.getResponseHeaders().add("Azure-AsyncOperation", base);
        if (location) {
            ex.getResponseHeaders().add("Location", base + "&monitor=true");
        }
        send(ex, status, body, Map.of());
        run(op, w);
    }

    void operation(HttpExchange ex, String id, boolean monitor) throws IOException {
        Op op;
        synchronized (this) {
            op = ops.get(id);
        }
        if (op == null) {
            throw new ArmError(404, "NotFound", "The operation '" + id + "' was not found.");
        }
        if (monitor) {
            if (op.status.equals("InProgress")) {
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 202, null, Map.of());
            } else if (op.error != null) {
                throw op.error;
            } else if (op.result == null) {
                send(ex, 204, null, Map.of());
            } else {
                send(ex, 200, op.result, Map.of());
            }
            return;
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("startTime", op.started.toString());
        if (op.ended != null) {
            s.put("endTime", op.ended.toString());
        }
        s.put("status", op.status);
        s.put("name", op.id);
        if (op.error != null) {
            s.putObject("error").put("code", op.error.code).put("message", op.error.getMessage());
        }
        if (op.result != null && op.status.equals("Succeeded")) {
            s.putObject("properties").set("output", op.result);
        }
        send(ex, 200, s, Map.of());
    }

    @Override
    public void close() {
        work.shutdownNow();
    }
}
