package dev.reprolab.sim.azure;

import static dev.reprolab.sim.azure.ArmHttp.list;
import static dev.reprolab.sim.azure.ArmHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resource groups: create, read, tag, list and delete (which takes everything inside with it). */
final class ArmGroups {

    private final SimArm.Config config;
    private final ArmStore store;
    private final ArmOperations ops;
    private final java.util.function.Supplier<String> endpoint;

    ArmGroups(SimArm.Config config, ArmStore store, ArmOperations ops, java.util.function.Supplier<String> endpoint) {
        this.config = config;
        this.store = store;
        this.ops = ops;
        this.endpoint = endpoint;
    }

    void groupRequest(HttpExchange ex, String method, String name, JsonNode body) throws IOException {
        String key = name.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> send(ex, 200, store.requireGroup(name), Map.of());
            case "HEAD" -> {
                boolean exists;
                synchronized (store) {
                    exists = store.groups.containsKey(key);
                }
                send(ex, exists ? 204 : 404, null, Map.of());
            }
            case "PUT" -> {
                if (!body.hasNonNull("location")) {
                    throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
                }
                ObjectNode g;
                boolean created;
                synchronized (store) {
                    created = !store.groups.containsKey(key);
                    g = created ? store.group(name, body.get("location").asText(), body.get("tags"))
                            : store.groups.get(key);
                    if (!created && body.has("tags")) {
                        g.set("tags", body.get("tags").deepCopy());
                    }
                    store.groups.put(key, g);
                }
                send(ex, created ? 201 : 200, g, Map.of());
            }
            case "PATCH" -> {
                ObjectNode g = store.requireGroup(name);
                synchronized (store) {
                    if (body.has("tags")) {
                        g.set("tags", body.get("tags").deepCopy());
                    }
                }
                send(ex, 200, g, Map.of());
            }
            case "DELETE" -> {
                store.requireGroup(name);
                ArmOperations.Op op = ops.newOp();
                ex.getResponseHeaders().add("Location", endpoint.get() + "subscriptions/" + config.subscriptionId()
                        + "/operationresults/" + op.id + "?api-version=2024-03-01");
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 202, null, Map.of());
                ops.run(op, () -> {
                    deleteGroup(name);
                    return null;
                });
            }
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
        }
    }

    void deleteGroup(String name) {
        String prefix = ("/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + name + "/").toLowerCase(Locale.ROOT);
        List<ArmVm> doomed = new ArrayList<>();
        synchronized (store) {
            for (Iterator<Map.Entry<String, ArmVm>> it = store.vms.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, ArmVm> e = it.next();
                if (e.getKey().startsWith(prefix)) {
                    doomed.add(e.getValue());
                    it.remove();
                }
            }
            store.resources.keySet().removeIf(k -> k.startsWith(prefix));
            store.contents.keySet().removeIf(k -> k.startsWith(prefix));
            store.groups.remove(name.toLowerCase(Locale.ROOT));
        }
        doomed.forEach(ArmVm::destroy);
    }
}
