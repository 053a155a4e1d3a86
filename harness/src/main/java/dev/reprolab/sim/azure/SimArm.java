package dev.reprolab.sim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static dev.reprolab.sim.azure.ArmHttp.JSON;
import static dev.reprolab.sim.azure.ArmHttp.is;
import static dev.reprolab.sim.azure.ArmHttp.list;
import static dev.reprolab.sim.azure.ArmHttp.query;
import static dev.reprolab.sim.azure.ArmHttp.readBody;
import static dev.reprolab.sim.azure.ArmHttp.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.PatchEffects;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.winrm.SslMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
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
    public static final String IMAGE_GROUP = "reprolab-images";
    public static final String IMAGE_NAME = "ws2008r2-sp1-base";
    static final String WINRM_SCRIPT_MARKER = "# reprolab:enable-winrm-https";

    /** How the simulated subscription is made. */
    public record Config(String subscriptionId, String tenantId, String token, String location, Path root,
                         Duration bootDelay, PatchEffects patches, List<GuestProgram> programs, Duration afdWarningAfter) {
    }


    private final Config config;
    private final SslMaterial ssl;
    private final HttpsServer server;
    private final ArmStore store;
    private final ArmOperations ops;
    private final ArmGroups groupsApi;
    private final ArmResources resourcesApi;
    private final ArmVms machines;
    private final ArmCapacity capacity;
    private volatile int requests;

    private SimArm(Config config) {
        this.config = config;
        this.ssl = SslMaterial.selfSigned("management.sim.reprolab", List.of("localhost"), List.of("127.0.0.1"));
        try {
            this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = new ArmStore(config.subscriptionId());
        this.ops = new ArmOperations(config, this::endpoint);
        this.groupsApi = new ArmGroups(config, store, ops, this::endpoint);
        this.machines = new ArmVms(config, store, ops, new NsgRules(store));
        this.resourcesApi = new ArmResources(store, ops, machines);
        this.capacity = new ArmCapacity(store);
        server.setHttpsConfigurator(SslMaterial.tls12Only(ssl.context()));
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-arm-http");
            t.setDaemon(true);
            return t;
        }));
        String imageId = "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + IMAGE_GROUP
                + "/providers/Microsoft.Compute/images/" + IMAGE_NAME;
        store.groups.put(IMAGE_GROUP.toLowerCase(Locale.ROOT), store.group(IMAGE_GROUP, config.location(), JSON.createObjectNode()));
        ObjectNode image = store.resource(imageId, "Microsoft.Compute/images", IMAGE_NAME, config.location(), null);
        ObjectNode os = ((ObjectNode) image.get("properties")).putObject("storageProfile").putObject("osDisk");
        os.put("osType", "Windows").put("osState", "Generalized").put("diskSizeGB", 127).put("storageAccountType", "Standard_LRS");
        store.resources.put(imageId.toLowerCase(Locale.ROOT), image);
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

    /** Sets a vCPU quota of the region: {@code cores} (the regional total) or a size family such as {@code standardDSv3Family}. */
    public void quota(String name, long limit) {
        capacity.limit(name, limit);
    }

    /** Requests served so far (every ARM call the backend made). */
    public int requests() {
        return requests;
    }


    /** Ids of every resource and resource group carrying the tag (what a reaper must leave none of). */
    public List<String> tagged(String tag, String value) {
        return store.tagged(tag, value);
    }

    /** Ids of every resource in the subscription, tagged or not (images included). */
    public List<String> resourceIds() {
        return store.resourceIds();
    }

    /** The simulated guests behind the VMs, for tests that look at the model directly. */
    public Map<String, SimGuest> guests() {
        return store.guests();
    }

    @Override
    public void close() {
        server.stop(0);
        List<ArmVm> all;
        synchronized (store) {
            all = List.copyOf(store.vms.values());
            store.vms.clear();
        }
        all.forEach(ArmVm::destroy);
        ops.close();
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
            send(ex, 200, list(store.groupsMatching(query.get("$filter"))), Map.of());
        } else if (rest.size() == 2 && is(rest.get(0), "resourcegroups")) {
            groupsApi.groupRequest(ex, method, rest.get(1), body);
        } else if (rest.size() == 1 && is(rest.get(0), "resources") && method.equals("GET")) {
            send(ex, 200, list(store.resourcesMatching(null, query.get("$filter"))), Map.of());
        } else if (rest.size() == 3 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "resources") && method.equals("GET")) {
            store.requireGroup(rest.get(1));
            send(ex, 200, list(store.resourcesMatching(rest.get(1), query.get("$filter"))), Map.of());
        } else if (rest.size() == 3 && is(rest.get(0), "providers") && is(rest.get(1), "Microsoft.Compute") && is(rest.get(2), "skus")
                && method.equals("GET")) {
            String filter = query.getOrDefault("$filter", "");
            java.util.regex.Matcher loc = java.util.regex.Pattern.compile("location eq '([^']+)'").matcher(filter);
            send(ex, 200, capacity.skus(loc.find() ? loc.group(1) : config.location()), Map.of());
        } else if (rest.size() == 5 && is(rest.get(0), "providers") && is(rest.get(1), "Microsoft.Compute") && is(rest.get(2), "locations")
                && is(rest.get(4), "usages") && method.equals("GET")) {
            send(ex, 200, capacity.usages(), Map.of());
        } else if (rest.size() == 6 && is(rest.get(0), "providers") && is(rest.get(2), "locations") && is(rest.get(4), "operations")) {
            ops.operation(ex, rest.get(5), query.containsKey("monitor"));
        } else if (rest.size() == 2 && is(rest.get(0), "operationresults")) {
            ops.operation(ex, rest.get(1), true);
        } else if (rest.size() == 6 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers")) {
            resourcesApi.resourceRequest(ex, method, rest.get(1), rest.get(3) + "/" + rest.get(4), rest.get(5), body, query.get("api-version"));
        } else if (rest.size() == 5 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers") && method.equals("GET")) {
            String type = rest.get(3) + "/" + rest.get(4);
            store.requireGroup(rest.get(1));
            List<ObjectNode> of = store.resourcesMatching(rest.get(1), null).stream()
                    .filter(r -> r.get("type").asText().equalsIgnoreCase(type)).toList();
            send(ex, 200, list(of), Map.of());
        } else if (rest.size() == 7 && is(rest.get(0), "resourcegroups") && is(rest.get(2), "providers")
                && is(rest.get(3) + "/" + rest.get(4), "Microsoft.Compute/virtualMachines")) {
            machines.vmAction(ex, method, rest.get(1), rest.get(5), rest.get(6), body);
        } else {
            throw new ArmError(404, "NotFound", "No route for " + method + " " + ex.getRequestURI().getPath());
        }
    }
}
