package dev.reprolab.sim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.PatchEffects;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.guest.SystemImage;
import dev.reprolab.sim.winrm.SslMaterial;
import dev.reprolab.sim.winrm.WsmanServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Azure Resource Manager: the subset of ARM REST the Azure backend uses, on loopback over HTTPS, for one
 * subscription, accepting one bearer token. Its virtual machines are the same simulated Server 2008 R2 guests the
 * Hyper-V lab has; only the way they are managed differs.
 *
 * <p>What it serves (paths relative to {@code /subscriptions/{id}}; every request needs {@code api-version}):
 * <ul>
 *   <li>resource groups: PUT, GET, PATCH, DELETE (202 + {@code Location} polling, deletes everything inside), list
 *       with {@code $filter=tagName eq '…' and tagValue eq '…'};</li>
 *   <li>{@code resources}: list the subscription's or a group's resources, with the same tag filter;</li>
 *   <li>Microsoft.Network virtualNetworks (subnets), networkSecurityGroups, publicIPAddresses (each gets its own
 *       loopback address 127.0.2.N, which is where the VM's ports answer), networkInterfaces;</li>
 *   <li>Microsoft.Compute images (one, seeded: the 2008 R2 SP1 base image), virtualMachines (create from the image,
 *       OS-disk swap by PUT while deallocated, start, deallocate, powerOff, instanceView, runCommand), disks (copy of a
 *       snapshot), snapshots (copy of a disk).</li>
 * </ul>
 * Writes are long-running operations as ARM does them: 201/202 with {@code Azure-AsyncOperation} (and for POST and
 * DELETE {@code Location}), the operation's status polled until {@code Succeeded} or {@code Failed}.
 *
 * <p>Disks are modelled by what they hold: the guest's live disk, or a guest checkpoint frozen when a snapshot or a
 * detached disk was made. Swapping the OS disk restores that checkpoint and leaves the VM deallocated; starting it is
 * a cold boot. A disk can only be attached to the VM its contents came from (the pool never moves disks between VMs).
 *
 * <p>Run Command runs the script on the guest's PowerShell, except the harness's WinRM HTTPS script (marked
 * {@code # reprolab:enable-winrm-https}), whose effect is modelled like other Windows programs of the sim: it makes a
 * self-signed certificate, starts an HTTPS listener on 5986 and prints what the real script prints.
 */
public final class SimArm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimArm.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String IMAGE_GROUP = "reprolab-images";
    public static final String IMAGE_NAME = "ws2008r2-sp1-base";
    static final String WINRM_SCRIPT_MARKER = "# reprolab:enable-winrm-https";
    private static final Pattern TAG_FILTER = Pattern.compile("tagName eq '([^']*)'(?: and tagValue eq '([^']*)')?");

    /** How the simulated subscription is made. */
    public record Config(String subscriptionId, String tenantId, String token, String location, Path root,
                         Duration bootDelay, PatchEffects patches, List<GuestProgram> programs, Duration afdWarningAfter) {
    }

    private final Config config;
    private final SslMaterial ssl;
    private final HttpsServer server;
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sim-arm-op");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, Content> contents = new LinkedHashMap<>();
    private final Map<String, Op> ops = new LinkedHashMap<>();
    private int nextPublicAddress = 1;
    private int nextPrivateAddress = 4;
    private volatile int requests;

    /** What a disk or snapshot holds: the VM's live disk ({@code checkpoint} empty) or a frozen guest checkpoint. */
    private record Content(Vm owner, Optional<String> checkpoint) {
    }

    private SimArm(Config config) {
        this.config = config;
        this.ssl = SslMaterial.selfSigned("management.sim.reprolab", List.of("localhost"), List.of("127.0.0.1"));
        try {
            this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ssl.context()));
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-arm-http");
            t.setDaemon(true);
            return t;
        }));
        String imageId = "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + IMAGE_GROUP
                + "/providers/Microsoft.Compute/images/" + IMAGE_NAME;
        groups.put(IMAGE_GROUP.toLowerCase(Locale.ROOT), group(IMAGE_GROUP, config.location(), JSON.createObjectNode()));
        ObjectNode image = resource(imageId, "Microsoft.Compute/images", IMAGE_NAME, config.location(), null);
        ObjectNode os = ((ObjectNode) image.get("properties")).putObject("storageProfile").putObject("osDisk");
        os.put("osType", "Windows").put("osState", "Generalized").put("diskSizeGB", 127).put("storageAccountType", "Standard_LRS");
        resources.put(imageId.toLowerCase(Locale.ROOT), image);
    }

    public static SimArm start(Config config) {
        SimArm arm = new SimArm(config);
        arm.server.start();
        LOG.info("simulated Azure Resource Manager on {}", arm.endpoint());
        return arm;
    }

    /** The resource manager endpoint, with its trailing slash, as an AzureEnvironment wants it. */
    public String endpoint() {
        return "https://localhost:" + server.getAddress().getPort() + "/";
    }

    /** SHA-256 of the endpoint's certificate, for the client to pin. */
    public String certificateSha256() {
        return ssl.sha256();
    }

    public String imageId() {
        return "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + IMAGE_GROUP
                + "/providers/Microsoft.Compute/images/" + IMAGE_NAME;
    }

    public Config config() {
        return config;
    }

    /** Requests served so far (every ARM call the backend made). */
    public int requests() {
        return requests;
    }

    /** Ids of every resource and resource group carrying the tag (what a reaper must leave none of). */
    public synchronized List<String> tagged(String tag, String value) {
        List<String> out = new ArrayList<>();
        for (ObjectNode g : groups.values()) {
            if (value.equals(g.path("tags").path(tag).asText(null))) {
                out.add(g.get("id").asText());
            }
        }
        for (ObjectNode r : resources.values()) {
            if (value.equals(r.path("tags").path(tag).asText(null))) {
                out.add(r.get("id").asText());
            }
        }
        return out;
    }

    /** Ids of every resource in the subscription, tagged or not (images included). */
    public synchronized List<String> resourceIds() {
        return resources.values().stream().map(r -> r.get("id").asText()).toList();
    }

    /** The simulated guests behind the VMs, for tests that look at the model directly. */
    public synchronized Map<String, SimGuest> guests() {
        Map<String, SimGuest> out = new LinkedHashMap<>();
        vms.values().forEach(v -> out.put(v.name, v.guest));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        List<Vm> all;
        synchronized (this) {
            all = List.copyOf(vms.values());
            vms.clear();
        }
        all.forEach(Vm::destroy);
        work.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) {
        requests++;
        try (ex) {
            try {
                authorize(ex);
                route(ex);
            } catch (ArmError e) {
                ObjectNode body = JSON.createObjectNode();
                body.putObject("error").put("code", e.code).put("message", e.getMessage());
                send(ex, e.status, body, Map.of("x-ms-failure-cause", e.status >= 500 ? "service" : "gateway"));
            } catch (RuntimeException e) {
                LOG.warn("simulated ARM: {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
                ObjectNode body = JSON.createObjectNode();
                body.putObject("error").put("code", "InternalServerError").put("message", String.valueOf(e.getMessage()));
                send(ex, 500, body, Map.of());
            }
        } catch (IOException e) {
            LOG.debug("simulated ARM: client went away: {}", e.getMessage());
        }
    }

    private void authorize(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String tenant = "https://login.microsoftonline.com/" + config.tenantId();
        if (auth == null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization_uri=\"" + tenant
                    + "\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"");
            throw new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        byte[] want = ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(want, auth.getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization_uri=\"" + tenant
                    + "\", error=\"invalid_token\", error_description=\"The access token is invalid.\"");
            throw new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        List<String> seg = new ArrayList<>();
        for (String s : ex.getRequestURI().getPath().split("/")) {
            if (!s.isEmpty()) {
                seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        if (!query.containsKey("api-version")) {
            throw new ArmError(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (seg.size() < 2 || !is(seg.get(0), "subscriptions")) {
            throw new ArmError(404, "InvalidResourceType", "The resource type could not be found in the namespace for api version '"
                    + query.get("api-version") + "'.");
        }
        if (!seg.get(1).equalsIgnoreCase(config.subscriptionId())) {
            throw new ArmError(404, "SubscriptionNotFound", "The subscription '" + seg.get(1) + "' could not be found.");
        }
        List<String> rest = seg.subList(2, seg.size());
        JsonNode body = method.equals("PUT") || method.equals("PATCH") || method.equals("POST") ? readBody(ex) : null;
        if (rest.size() == 1 && is(rest.get(0), "resourcegroups") && method.equals("GET")) {
            send(ex, 200, list(groupsMatching(query.get("$filter"))), Map.of());
        } else if (rest.size() == 2 && is(rest.get(0), "resourcegroups")) {
            groupRequest(ex, method, rest.get(1), body);
        } else if (rest.size() == 1 && is(rest.get(0), "resources") && method.equals("GET")) {
            send(ex, 200, list(resourcesMatching(null, query.get("$filter"))), Map.of());
        } else if (rest.size() == 3 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "resources") && method.equals("GET")) {
            requireGroup(rest.get(1));
            send(ex, 200, list(resourcesMatching(rest.get(1), query.get("$filter"))), Map.of());
        } else if (rest.size() == 6 && is(rest.get(0), "providers") && is(rest.get(2), "locations") && is(rest.get(4), "operations")) {
            operation(ex, rest.get(5), query.containsKey("monitor"));
        } else if (rest.size() == 2 && is(rest.get(0), "operationresults")) {
            operation(ex, rest.get(1), true);
        } else if (rest.size() == 6 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers")) {
            resourceRequest(ex, method, rest.get(1), rest.get(3) + "/" + rest.get(4), rest.get(5), body, query.get("api-version"));
        } else if (rest.size() == 5 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers") && method.equals("GET")) {
            String type = rest.get(3) + "/" + rest.get(4);
            requireGroup(rest.get(1));
            List<ObjectNode> of = resourcesMatching(rest.get(1), null).stream()
                    .filter(r -> r.get("type").asText().equalsIgnoreCase(type)).toList();
            send(ex, 200, list(of), Map.of());
        } else if (rest.size() == 7 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers")
                && is(rest.get(3) + "/" + rest.get(4), "Microsoft.Compute/virtualMachines")) {
            vmAction(ex, method, rest.get(1), rest.get(5), rest.get(6), body);
        } else {
            throw new ArmError(404, "NotFound", "No route for " + method + " " + ex.getRequestURI().getPath());
        }
    }

    private static boolean is(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static JsonNode readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readAllBytes();
            if (b.length == 0) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(b);
            } catch (IOException e) {
                throw new ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: '"
                        + e.getMessage().lines().findFirst().orElse("") + "'.");
            }
        }
    }

    private static void send(HttpExchange ex, int status, JsonNode body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("x-ms-request-id", UUID.randomUUID().toString());
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static ObjectNode list(List<ObjectNode> items) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("value");
        items.forEach(i -> a.add(i.deepCopy()));
        return o;
    }

    // ---------------------------------------------------------------------------------------------------- groups

    private ObjectNode group(String name, String location, JsonNode tags) {
        ObjectNode g = JSON.createObjectNode();
        g.put("id", "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + name);
        g.put("name", name);
        g.put("type", "Microsoft.Resources/resourceGroups");
        g.put("location", location);
        g.set("tags", tags == null || tags.isNull() ? JSON.createObjectNode() : tags.deepCopy());
        g.putObject("properties").put("provisioningState", "Succeeded");
        return g;
    }

    private synchronized ObjectNode requireGroup(String name) {
        ObjectNode g = groups.get(name.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw ArmError.groupNotFound(name);
        }
        return g;
    }

    private synchronized List<ObjectNode> groupsMatching(String filter) {
        return groups.values().stream().filter(g -> matches(g, filter)).toList();
    }

    private synchronized List<ObjectNode> resourcesMatching(String group, String filter) {
        String prefix = group == null ? null
                : ("/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + group + "/").toLowerCase(Locale.ROOT);
        return resources.values().stream()
                .filter(r -> prefix == null || r.get("id").asText().toLowerCase(Locale.ROOT).startsWith(prefix))
                .filter(r -> matches(r, filter)).toList();
    }

    private static boolean matches(JsonNode r, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        Matcher m = TAG_FILTER.matcher(filter);
        if (!m.find()) {
            throw new ArmError(400, "InvalidFilterInQueryString", "Invalid $filter '" + filter + "' specified in the query string.");
        }
        JsonNode v = r.path("tags").get(m.group(1));
        return v != null && (m.group(2) == null || m.group(2).equals(v.asText()));
    }

    private void groupRequest(HttpExchange ex, String method, String name, JsonNode body) throws IOException {
        String key = name.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> send(ex, 200, requireGroup(name), Map.of());
            case "HEAD" -> {
                boolean exists;
                synchronized (this) {
                    exists = groups.containsKey(key);
                }
                send(ex, exists ? 204 : 404, null, Map.of());
            }
            case "PUT" -> {
                if (!body.hasNonNull("location")) {
                    throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
                }
                ObjectNode g;
                boolean created;
                synchronized (this) {
                    created = !groups.containsKey(key);
                    g = created ? group(name, body.get("location").asText(), body.get("tags"))
                            : groups.get(key);
                    if (!created && body.has("tags")) {
                        g.set("tags", body.get("tags").deepCopy());
                    }
                    groups.put(key, g);
                }
                send(ex, created ? 201 : 200, g, Map.of());
            }
            case "PATCH" -> {
                ObjectNode g = requireGroup(name);
                synchronized (this) {
                    if (body.has("tags")) {
                        g.set("tags", body.get("tags").deepCopy());
                    }
                }
                send(ex, 200, g, Map.of());
            }
            case "DELETE" -> {
                requireGroup(name);
                Op op = newOp();
                ex.getResponseHeaders().add("Location", endpoint() + "subscriptions/" + config.subscriptionId()
                        + "/operationresults/" + op.id + "?api-version=2024-03-01");
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 202, null, Map.of());
                run(op, () -> {
                    deleteGroup(name);
                    return null;
                });
            }
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
        }
    }

    private void deleteGroup(String name) {
        String prefix = ("/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + name + "/").toLowerCase(Locale.ROOT);
        List<Vm> doomed = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<String, Vm>> it = vms.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Vm> e = it.next();
                if (e.getKey().startsWith(prefix)) {
                    doomed.add(e.getValue());
                    it.remove();
                }
            }
            resources.keySet().removeIf(k -> k.startsWith(prefix));
            contents.keySet().removeIf(k -> k.startsWith(prefix));
            groups.remove(name.toLowerCase(Locale.ROOT));
        }
        doomed.forEach(Vm::destroy);
    }

    // ---------------------------------------------------------------------------------------------------- LRO

    private static final class Op {
        final String id = UUID.randomUUID().toString();
        final Instant started = Instant.now();
        volatile String status = "InProgress";
        volatile JsonNode result;
        volatile ArmError error;
        volatile Instant ended;
    }

    private synchronized Op newOp() {
        Op op = new Op();
        ops.put(op.id, op);
        return op;
    }

    private interface Work {
        JsonNode run() throws Exception;
    }

    private void run(Op op, Work w) {
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
    private void accepted(HttpExchange ex, int status, JsonNode body, boolean location, String apiVersion, Work w) throws IOException {
        Op op = newOp();
        String base = endpoint() + "subscriptions/" + config.subscriptionId() + "/providers/Microsoft.Compute/locations/"
                + config.location() + "/operations/" + op.id + "?api-version=" + apiVersion;
        ex.getResponseHeaders().add("Azure-AsyncOperation", base);
        if (location) {
            ex.getResponseHeaders().add("Location", base + "&monitor=true");
        }
        send(ex, status, body, Map.of());
        run(op, w);
    }

    private void operation(HttpExchange ex, String id, boolean monitor) throws IOException {
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

    // ---------------------------------------------------------------------------------------------------- resources

    private ObjectNode resource(String id, String type, String name, String location, JsonNode tags) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id);
        r.put("name", name);
        r.put("type", type);
        r.put("location", location);
        r.set("tags", tags == null || tags.isNull() ? JSON.createObjectNode() : tags.deepCopy());
        r.putObject("properties");
        return r;
    }

    private String id(String group, String type, String name) {
        return "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    private synchronized ObjectNode find(String id) {
        return id == null ? null : resources.get(id.toLowerCase(Locale.ROOT));
    }

    private ObjectNode require(String id, String what) {
        ObjectNode r = find(id);
        if (r == null) {
            throw new ArmError(400, "InvalidResourceReference", "Resource " + id + " referenced by " + what + " was not found.");
        }
        return r;
    }

    private void resourceRequest(HttpExchange ex, String method, String group, String type, String name, JsonNode body,
                                 String apiVersion) throws IOException {
        ObjectNode g = requireGroup(group);
        String id = id(g.get("name").asText(), canonicalType(type), name);
        String key = id.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                ObjectNode r = find(id);
                if (r == null) {
                    throw ArmError.notFound(canonicalType(type), name, group);
                }
                send(ex, 200, r, Map.of());
            }
            case "PUT", "PATCH" -> put(ex, method, group, canonicalType(type), name, id, body, apiVersion);
            case "DELETE" -> {
                ObjectNode r = find(id);
                if (r == null) {
                    send(ex, 204, null, Map.of());
                    return;
                }
                Vm vm;
                synchronized (this) {
                    if (type.equalsIgnoreCase("Microsoft.Compute/disks") && r.path("managedBy").isTextual()) {
                        throw ArmError.notAllowed("Disk " + name + " is attached to VM " + r.get("managedBy").asText() + ".");
                    }
                    vm = vms.remove(key);
                    resources.remove(key);
                    contents.remove(key);
                }
                accepted(ex, 202, null, true, apiVersion, () -> {
                    if (vm != null) {
                        vm.destroy();
                        synchronized (SimArm.this) {
                            ObjectNode disk = find(vm.osDiskId);
                            if (disk != null) {
                                disk.remove("managedBy");
                                ((ObjectNode) disk.get("properties")).put("diskState", "Unattached");
                            }
                        }
                    }
                    return null;
                });
            }
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
        }
    }

    private static String canonicalType(String type) {
        for (String t : List.of("Microsoft.Network/virtualNetworks", "Microsoft.Network/networkSecurityGroups",
                "Microsoft.Network/publicIPAddresses", "Microsoft.Network/networkInterfaces", "Microsoft.Compute/virtualMachines",
                "Microsoft.Compute/disks", "Microsoft.Compute/snapshots", "Microsoft.Compute/images")) {
            if (t.equalsIgnoreCase(type)) {
                return t;
            }
        }
        int slash = type.indexOf('/');
        throw new ArmError(404, "InvalidResourceType", "The resource type '" + type.substring(slash + 1)
                + "' could not be found in the namespace '" + type.substring(0, Math.max(0, slash)) + "'.");
    }

    private void put(HttpExchange ex, String method, String group, String type, String name, String id, JsonNode body,
                     String apiVersion) throws IOException {
        ObjectNode existing = find(id);
        if (method.equals("PATCH") && existing == null) {
            throw ArmError.notFound(type, name, group);
        }
        String location = body.path("location").asText(existing == null ? null : existing.get("location").asText());
        if (location == null) {
            throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
        }
        if (type.equals("Microsoft.Compute/virtualMachines")) {
            vmPut(ex, group, name, id, existing, body, apiVersion);
            return;
        }
        if (type.equals("Microsoft.Compute/images")) {
            throw new ArmError(409, "OperationNotAllowed", "The simulated subscription serves its one seeded image only.");
        }
        ObjectNode r = existing != null ? existing : resource(id, type, name, location, body.get("tags"));
        if (body.has("tags")) {
            r.set("tags", body.get("tags").deepCopy());
        }
        ObjectNode props = (ObjectNode) r.get("properties");
        JsonNode in = body.path("properties");
        if (body.has("sku")) {
            r.set("sku", body.get("sku").deepCopy());
        }
        synchronized (this) {
            switch (type) {
                case "Microsoft.Network/virtualNetworks" -> {
                    props.set("addressSpace", in.path("addressSpace").deepCopy());
                    ArrayNode subnets = props.putArray("subnets");
                    for (JsonNode s : in.path("subnets")) {
                        ObjectNode sn = subnets.addObject();
                        sn.put("id", id + "/subnets/" + s.path("name").asText());
                        sn.put("name", s.path("name").asText());
                        sn.put("type", "Microsoft.Network/virtualNetworks/subnets");
                        ObjectNode sp = sn.putObject("properties");
                        sp.put("addressPrefix", s.path("properties").path("addressPrefix").asText());
                        sp.put("provisioningState", "Succeeded");
                    }
                }
                case "Microsoft.Network/networkSecurityGroups" -> {
                    ArrayNode rules = props.putArray("securityRules");
                    for (JsonNode s : in.path("securityRules")) {
                        ObjectNode rule = rules.addObject();
                        rule.put("id", id + "/securityRules/" + s.path("name").asText());
                        rule.put("name", s.path("name").asText());
                        rule.put("type", "Microsoft.Network/networkSecurityGroups/securityRules");
                        ObjectNode rp = ((ObjectNode) s.path("properties").deepCopy());
                        rp.put("provisioningState", "Succeeded");
                        rule.set("properties", rp);
                    }
                }
                case "Microsoft.Network/publicIPAddresses" -> {
                    if (!props.has("ipAddress")) {
                        props.put("ipAddress", "127.0.2." + nextPublicAddress++);
                    }
                    props.put("publicIPAllocationMethod", in.path("publicIPAllocationMethod").asText("Static"));
                    props.put("publicIPAddressVersion", "IPv4");
                }
                case "Microsoft.Network/networkInterfaces" -> {
                    if (in.has("networkSecurityGroup")) {
                        require(in.path("networkSecurityGroup").path("id").asText(null), "network interface " + name);
                        props.set("networkSecurityGroup", in.get("networkSecurityGroup").deepCopy());
                    }
                    ArrayNode configs = props.putArray("ipConfigurations");
                    for (JsonNode c : in.path("ipConfigurations")) {
                        String subnet = c.path("properties").path("subnet").path("id").asText(null);
                        ObjectNode vnet = require(subnet == null ? null : subnet.replaceAll("(?i)/subnets/[^/]+$", ""),
                                "network interface " + name);
                        boolean hasSubnet = false;
                        for (JsonNode s : vnet.path("properties").path("subnets")) {
                            hasSubnet |= s.path("id").asText().equalsIgnoreCase(subnet);
                        }
                        if (!hasSubnet) {
                            throw new ArmError(400, "InvalidResourceReference", "Resource " + subnet
                                    + " referenced by resource " + id + " was not found.");
                        }
                        ObjectNode cfg = configs.addObject();
                        cfg.put("id", id + "/ipConfigurations/" + c.path("name").asText("ipconfig1"));
                        cfg.put("name", c.path("name").asText("ipconfig1"));
                        ObjectNode cp = cfg.putObject("properties");
                        cp.put("privateIPAddress", "10.20.0." + nextPrivateAddress++);
                        cp.put("privateIPAllocationMethod", "Dynamic");
                        cp.put("primary", true);
                        cp.putObject("subnet").put("id", subnet);
                        String pip = c.path("properties").path("publicIPAddress").path("id").asText(null);
                        if (pip != null) {
                            require(pip, "network interface " + name);
                            cp.putObject("publicIPAddress").put("id", pip);
                        }
                        cp.put("provisioningState", "Succeeded");
                    }
                }
                case "Microsoft.Compute/snapshots" -> {
                    if (existing == null) {
                        String source = in.path("creationData").path("sourceResourceId").asText(null);
                        if (!"Copy".equalsIgnoreCase(in.path("creationData").path("createOption").asText())) {
                            throw ArmError.invalid("The simulated subscription makes snapshots by copying a disk (createOption Copy).");
                        }
                        ObjectNode disk = require(source, "snapshot " + name);
                        Content c = contents.get(disk.get("id").asText().toLowerCase(Locale.ROOT));
                        contents.put(id.toLowerCase(Locale.ROOT), freeze(c, name));
                        props.set("creationData", in.get("creationData").deepCopy());
                        props.put("osType", "Windows");
                        props.put("diskSizeGB", 127);
                        props.put("incremental", in.path("incremental").asBoolean(false));
                        props.put("timeCreated", Instant.now().toString());
                    }
                }
                case "Microsoft.Compute/disks" -> {
                    if (existing == null) {
                        String source = in.path("creationData").path("sourceResourceId").asText(null);
                        if (!"Copy".equalsIgnoreCase(in.path("creationData").path("createOption").asText())) {
                            throw ArmError.invalid("The simulated subscription makes disks by copying a snapshot (createOption Copy).");
                        }
                        ObjectNode snap = require(source, "disk " + name);
                        contents.put(id.toLowerCase(Locale.ROOT), contents.get(snap.get("id").asText().toLowerCase(Locale.ROOT)));
                        props.set("creationData", in.get("creationData").deepCopy());
                        props.put("osType", "Windows");
                        props.put("diskSizeGB", 127);
                        props.put("diskState", "Unattached");
                        props.put("timeCreated", Instant.now().toString());
                    }
                }
                default -> throw new IllegalStateException(type);
            }
            props.put("provisioningState", "Succeeded");
            resources.put(id.toLowerCase(Locale.ROOT), r);
        }
        // compute's disks and snapshots answer a create with 202 (their API allows 200/202), the rest with 201
        int status = type.startsWith("Microsoft.Compute/") ? 202 : existing == null ? 201 : 200;
        accepted(ex, status, creating(r, existing == null), false, apiVersion, () -> null);
    }

    /** A snapshot of what a disk holds: the live disk is frozen into a new guest checkpoint, a frozen one is shared. */
    private Content freeze(Content c, String snapshotName) {
        if (c == null) {
            throw ArmError.invalid("The source disk holds nothing the simulated subscription knows.");
        }
        if (c.checkpoint().isPresent()) {
            return c;
        }
        String checkpoint = "arm-" + snapshotName + "-" + UUID.randomUUID().toString().substring(0, 8);
        c.owner().guest.checkpoint(checkpoint);
        return new Content(c.owner(), Optional.of(checkpoint));
    }

    private static ObjectNode creating(ObjectNode r, boolean created) {
        ObjectNode copy = r.deepCopy();
        ((ObjectNode) copy.get("properties")).put("provisioningState", created ? "Creating" : "Updating");
        return copy;
    }

    // ---------------------------------------------------------------------------------------------------- VMs

    private final class Vm {
        final String id;
        final String name;
        final SimGuest guest;
        final String address;
        final String username;
        final String password;
        volatile String osDiskId;
        volatile boolean deallocated;
        volatile WsmanServer https;

        Vm(String id, String name, SimGuest guest, String address, String username, String password) {
            this.id = id;
            this.name = name;
            this.guest = guest;
            this.address = address;
            this.username = username;
            this.password = password;
        }

        void awaitBooted(Duration max) {
            Awaitility.await(name + " boots").atMost(max).pollInterval(Duration.ofMillis(20))
                    .until(() -> guest.powerState() == SimVm.PowerState.RUNNING
                            && (https == null || https.online() || !nsgAdmits(this, 5986)));
        }

        synchronized WsmanServer enableHttps() {
            if (https == null) {
                https = WsmanServer.builder().backend(guest).credentials(username, password)
                        .ssl(SslMaterial.selfSigned(guest.computerName(), List.of(guest.computerName()), List.of()))
                        .bind(address).port(5986).machine(guest.computerName()).build().start();
                if (!nsgAdmits(this, 5986)) {
                    https.goOffline();
                }
            }
            return https;
        }

        void destroy() {
            guest.turnOff();
            WsmanServer s = https;
            if (s != null) {
                s.close();
            }
        }
    }

    private void vmPut(HttpExchange ex, String group, String name, String id, ObjectNode existing, JsonNode body,
                       String apiVersion) throws IOException {
        if (existing != null) {
            vmUpdate(ex, group, name, id, existing, body, apiVersion);
            return;
        }
        JsonNode props = body.path("properties");
        String imageId = props.path("storageProfile").path("imageReference").path("id").asText(null);
        if (imageId == null || find(imageId) == null) {
            throw new ArmError(404, "NotFound", "The Image '" + imageId + "' cannot be found in '" + config.location() + "' region.");
        }
        JsonNode os = props.path("osProfile");
        if (!os.hasNonNull("adminUsername")) {
            throw new ArmError(400, "InvalidParameter", "Required parameter 'adminUsername' is missing (null).");
        }
        if (!os.hasNonNull("adminPassword")) {
            throw new ArmError(400, "InvalidParameter", "Required parameter 'adminPassword' is missing (null).");
        }
        JsonNode nics = props.path("networkProfile").path("networkInterfaces");
        if (nics.size() != 1) {
            throw ArmError.invalid("The simulated subscription gives a VM exactly one network interface.");
        }
        ObjectNode nic = require(nics.get(0).path("id").asText(null), "virtual machine " + name);
        JsonNode ipc = nic.path("properties").path("ipConfigurations").path(0).path("properties");
        String privateIp = ipc.path("privateIPAddress").asText();
        String address = Optional.ofNullable(find(ipc.path("publicIPAddress").path("id").asText(null)))
                .map(p -> p.path("properties").path("ipAddress").asText()).orElse(null);
        if (address == null) {
            synchronized (this) {
                address = "127.0.2." + nextPublicAddress++;
            }
        }
        String computerName = os.path("computerName").asText(name).toUpperCase(Locale.ROOT);
        Path disk = config.root().resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)).resolve("disk");
        try {
            Files.createDirectories(disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SystemImage.populate(disk);
        SimGuest guest = SimGuest.builder(name, disk).computerName(computerName).ipAddress(privateIp).winrmPort(5985)
                .httpPort(80).httpAddress(address).bootDelay(config.bootDelay()).patchEffects(config.patches())
                .afdWarningAfter(config.afdWarningAfter()).programs(config.programs()).build();
        Vm vm = new Vm(id, name, guest, address, os.get("adminUsername").asText(), os.get("adminPassword").asText());
        guest.powerListener(new SimGuest.PowerListener() {
            @Override
            public void offline() {
                WsmanServer s = vm.https;
                if (s != null) {
                    s.goOffline();
                }
            }

            @Override
            public void online() {
                WsmanServer s = vm.https;
                if (s != null && nsgAdmits(vm, 5986)) {
                    s.goOnline();
                }
            }
        });
        String osDiskName = props.path("storageProfile").path("osDisk").path("name")
                .asText(name + "_OsDisk_1_" + UUID.randomUUID().toString().replace("-", ""));
        String diskId = id(group, "Microsoft.Compute/disks", osDiskName);
        ObjectNode r = resource(id, "Microsoft.Compute/virtualMachines", name, body.get("location").asText(), body.get("tags"));
        ObjectNode p = (ObjectNode) r.get("properties");
        p.put("vmId", UUID.randomUUID().toString());
        p.set("hardwareProfile", props.path("hardwareProfile").deepCopy());
        ObjectNode sp = p.putObject("storageProfile");
        sp.putObject("imageReference").put("id", imageId);
        ObjectNode osd = sp.putObject("osDisk");
        osd.put("osType", "Windows").put("name", osDiskName).put("createOption", "FromImage").put("caching", "ReadWrite")
                .put("diskSizeGB", 127);
        osd.putObject("managedDisk").put("id", diskId).put("storageAccountType",
                props.path("storageProfile").path("osDisk").path("managedDisk").path("storageAccountType").asText("StandardSSD_LRS"));
        ObjectNode op = p.putObject("osProfile");
        op.put("computerName", computerName).put("adminUsername", vm.username);
        op.putObject("windowsConfiguration").put("provisionVMAgent", true).put("enableAutomaticUpdates", false);
        op.put("allowExtensionOperations", true);
        p.set("networkProfile", props.path("networkProfile").deepCopy());
        p.put("provisioningState", "Succeeded");
        // the OS disk is created with the VM; like on Azure it carries none of the VM's tags
        ObjectNode d = resource(diskId, "Microsoft.Compute/disks", osDiskName, r.get("location").asText(), null);
        d.put("managedBy", id);
        ObjectNode dp = (ObjectNode) d.get("properties");
        dp.put("osType", "Windows").put("diskSizeGB", 127).put("diskState", "Attached").put("provisioningState", "Succeeded");
        dp.putObject("creationData").put("createOption", "FromImage").putObject("imageReference").put("id", imageId);
        vm.osDiskId = diskId;
        synchronized (this) {
            resources.put(id.toLowerCase(Locale.ROOT), r);
            resources.put(diskId.toLowerCase(Locale.ROOT), d);
            contents.put(diskId.toLowerCase(Locale.ROOT), new Content(vm, Optional.empty()));
            vms.put(id.toLowerCase(Locale.ROOT), vm);
        }
        accepted(ex, 201, creating(r, true), false, apiVersion, () -> {
            guest.powerOn();
            vm.awaitBooted(config.bootDelay().plusSeconds(60));
            return null;
        });
    }

    private void vmUpdate(HttpExchange ex, String group, String name, String id, ObjectNode r, JsonNode body,
                          String apiVersion) throws IOException {
        Vm vm;
        synchronized (this) {
            vm = vms.get(id.toLowerCase(Locale.ROOT));
        }
        JsonNode wantDisk = body.path("properties").path("storageProfile").path("osDisk");
        String newDiskId = wantDisk.path("managedDisk").path("id").asText(null);
        synchronized (this) {
            if (body.has("tags")) {
                r.set("tags", body.get("tags").deepCopy());
            }
            if (newDiskId != null && !newDiskId.equalsIgnoreCase(vm.osDiskId)) {
                if (!vm.deallocated) {
                    throw ArmError.notAllowed("The OS disk of virtual machine '" + name
                            + "' can only be swapped while the VM is deallocated.");
                }
                ObjectNode newDisk = require(newDiskId, "virtual machine " + name);
                if (newDisk.path("managedBy").isTextual()) {
                    throw ArmError.notAllowed("Disk " + newDisk.get("name").asText() + " is attached to VM "
                            + newDisk.get("managedBy").asText() + ".");
                }
                Content wanted = contents.get(newDiskId.toLowerCase(Locale.ROOT));
                if (wanted == null || wanted.owner() != vm || wanted.checkpoint().isEmpty()) {
                    throw ArmError.invalid("The simulated subscription attaches a disk only to the VM its contents came from.");
                }
                ObjectNode oldDisk = find(vm.osDiskId);
                if (oldDisk != null) {
                    contents.put(vm.osDiskId.toLowerCase(Locale.ROOT), freeze(new Content(vm, Optional.empty()), oldDisk.get("name").asText()));
                    oldDisk.remove("managedBy");
                    ((ObjectNode) oldDisk.get("properties")).put("diskState", "Unattached");
                }
                vm.guest.restore(wanted.checkpoint().get());
                if (vm.guest.powerState() != SimVm.PowerState.OFF) {
                    vm.guest.turnOff();
                }
                contents.put(newDiskId.toLowerCase(Locale.ROOT), new Content(vm, Optional.empty()));
                newDisk.put("managedBy", id);
                ((ObjectNode) newDisk.get("properties")).put("diskState", "Reserved");
                vm.osDiskId = newDisk.get("id").asText();
                ObjectNode osd = (ObjectNode) r.get("properties").get("storageProfile").get("osDisk");
                osd.put("name", newDisk.get("name").asText());
                osd.put("createOption", "Attach");
                ((ObjectNode) osd.get("managedDisk")).put("id", vm.osDiskId);
            }
        }
        accepted(ex, 200, creating(r, false), false, apiVersion, () -> null);
    }

    private Vm requireVm(String group, String name) {
        String id = id(requireGroup(group).get("name").asText(), "Microsoft.Compute/virtualMachines", name);
        synchronized (this) {
            Vm vm = vms.get(id.toLowerCase(Locale.ROOT));
            if (vm == null) {
                throw ArmError.notFound("Microsoft.Compute/virtualMachines", name, group);
            }
            return vm;
        }
    }

    private void setDiskState(Vm vm, String state) {
        synchronized (this) {
            ObjectNode d = find(vm.osDiskId);
            if (d != null) {
                ((ObjectNode) d.get("properties")).put("diskState", state);
            }
        }
    }

    private void vmAction(HttpExchange ex, String method, String group, String name, String action, JsonNode body) throws IOException {
        Vm vm = requireVm(group, name);
        String api = query(ex.getRequestURI().getRawQuery()).get("api-version");
        if (method.equals("GET") && action.equalsIgnoreCase("instanceView")) {
            send(ex, 200, instanceView(vm), Map.of());
            return;
        }
        if (!method.equals("POST")) {
            throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "start" -> accepted(ex, 202, null, true, api, () -> {
                vm.deallocated = false;
                setDiskState(vm, "Attached");
                vm.guest.powerOn();
                vm.awaitBooted(config.bootDelay().plusSeconds(60));
                return null;
            });
            case "deallocate" -> accepted(ex, 202, null, true, api, () -> {
                vm.guest.turnOff();
                vm.deallocated = true;
                setDiskState(vm, "Reserved");
                return null;
            });
            case "poweroff" -> accepted(ex, 202, null, true, api, () -> {
                vm.guest.turnOff();
                return null;
            });
            case "runcommand" -> {
                if (!"RunPowerShellScript".equals(body.path("commandId").asText())) {
                    throw ArmError.invalid("The command '" + body.path("commandId").asText() + "' is not supported for OS type 'Windows'.");
                }
                if (vm.guest.powerState() != SimVm.PowerState.RUNNING) {
                    throw new ArmError(409, "OperationNotAllowed", "Operation 'RunCommand' is not allowed since the VM is not running.");
                }
                StringBuilder script = new StringBuilder();
                body.path("script").forEach(l -> script.append(l.asText()).append("\r\n"));
                accepted(ex, 202, null, true, api, () -> runCommand(vm, script.toString()));
            }
            default -> throw new ArmError(404, "NotFound", "No action '" + action + "' on virtual machines.");
        }
    }

    private ObjectNode instanceView(Vm vm) {
        ObjectNode v = JSON.createObjectNode();
        v.put("computerName", vm.guest.computerName());
        v.put("osName", "Windows Server 2008 R2 Datacenter");
        v.put("osVersion", "6.1.7601.24214");
        ArrayNode statuses = v.putArray("statuses");
        statuses.addObject().put("code", "ProvisioningState/succeeded").put("level", "Info").put("displayStatus", "Provisioning succeeded");
        String power = switch (vm.guest.powerState()) {
            case RUNNING -> "running";
            case STARTING -> "starting";
            case STOPPING -> "stopping";
            case OFF -> vm.deallocated ? "deallocated" : "stopped";
        };
        statuses.addObject().put("code", "PowerState/" + power).put("level", "Info")
                .put("displayStatus", "VM " + power);
        return v;
    }

    /**
     * Whether the network security group on the VM's NIC lets the controller (connecting from 127.0.0.1) reach the
     * port: an inbound TCP allow rule whose destination port range and source prefix cover it. Without an NSG, Azure
     * lets everything in (the simulation leaves deny rules and priorities out: the backend writes allow rules only).
     */
    private boolean nsgAdmits(Vm vm, int port) {
        ObjectNode r = find(vm.id);
        if (r == null) {
            return false;
        }
        ObjectNode nic = find(r.path("properties").path("networkProfile").path("networkInterfaces").path(0).path("id").asText(null));
        String nsgId = nic == null ? null : nic.path("properties").path("networkSecurityGroup").path("id").asText(null);
        if (nsgId == null) {
            return true;
        }
        ObjectNode nsg = find(nsgId);
        if (nsg == null) {
            return false;
        }
        for (JsonNode rule : nsg.path("properties").path("securityRules")) {
            JsonNode p = rule.path("properties");
            if (p.path("direction").asText().equalsIgnoreCase("Inbound") && p.path("access").asText().equalsIgnoreCase("Allow")
                    && !p.path("protocol").asText("*").equalsIgnoreCase("Udp")
                    && portCovered(p.path("destinationPortRange").asText("*"), port)
                    && sourceCovers(p.path("sourceAddressPrefix").asText("*"), "127.0.0.1")) {
                return true;
            }
        }
        return false;
    }

    private static boolean portCovered(String range, int port) {
        if (range.equals("*")) {
            return true;
        }
        String[] lohi = range.split("-");
        int lo = Integer.parseInt(lohi[0].strip());
        int hi = lohi.length > 1 ? Integer.parseInt(lohi[1].strip()) : lo;
        return port >= lo && port <= hi;
    }

    static boolean sourceCovers(String prefix, String ip) {
        if (prefix.equals("*") || prefix.equalsIgnoreCase("Internet")) {
            return true;
        }
        String[] parts = prefix.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long net = ipv4(parts[0]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (net & mask);
    }

    private static long ipv4(String ip) {
        long v = 0;
        for (String o : ip.strip().split("\\.")) {
            v = (v << 8) | Integer.parseInt(o);
        }
        return v;
    }

    private JsonNode runCommand(Vm vm, String script) throws Exception {
        String stdout;
        String stderr;
        if (script.contains(WINRM_SCRIPT_MARKER)) {
            WsmanServer s = vm.enableHttps();
            stdout = "Listener: Transport=HTTPS Address=* Port=5986\r\n"
                    + "Firewall: rule \"WinRM HTTPS (5986)\" added\r\n"
                    + "Thumbprint: " + s.certificateThumbprint().orElseThrow() + "\r\n"
                    + "CertificateSha256: " + s.certificateSha256().orElseThrow().toUpperCase(Locale.ROOT) + "\r\n";
            stderr = "";
        } else {
            String encoded = java.util.Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            var cmd = vm.guest.start(new dev.reprolab.sim.winrm.ShellRequest("powershell",
                    List.of("-NoProfile", "-NonInteractive", "-EncodedCommand", encoded), false, 437, vm.username, "runcommand"));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            Instant until = Instant.now().plus(Duration.ofMinutes(5));
            while (true) {
                var o = cmd.next(Duration.ofMillis(200));
                out.write(o.stdout());
                err.write(o.stderr());
                if (o.done()) {
                    break;
                }
                if (Instant.now().isAfter(until)) {
                    throw new ArmError(409, "VMAgentStatusCommunicationError", "Run command extension execution timed out.");
                }
            }
            stdout = out.toString(StandardCharsets.ISO_8859_1);
            stderr = err.toString(StandardCharsets.ISO_8859_1);
        }
        ObjectNode result = JSON.createObjectNode();
        ArrayNode value = result.putArray("value");
        value.addObject().put("code", "ComponentStatus/StdOut/succeeded").put("level", "Info")
                .put("displayStatus", "Provisioning succeeded").put("message", stdout);
        value.addObject().put("code", "ComponentStatus/StdErr/succeeded").put("level", "Info")
                .put("displayStatus", "Provisioning succeeded").put("message", stderr);
        return result;
    }
}
