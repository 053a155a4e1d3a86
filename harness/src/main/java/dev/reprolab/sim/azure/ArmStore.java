package dev.reprolab.sim.azure;

import static dev.reprolab.sim.azure.ArmHttp.JSON;
import static dev.reprolab.sim.azure.ArmHttp.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.sim.guest.SimGuest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated subscription's state: resource groups, resources (as the JSON ARM returns), the VMs behind the
 * virtual machine resources and what each disk or snapshot holds. Its monitor is the one lock every handler takes.
 */
final class ArmStore {

    private static final Pattern TAG_FILTER = Pattern.compile("tagName eq '([^']*)'(?: and tagValue eq '([^']*)')?");

    final String subscriptionId;
    final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    final Map<String, ArmVm> vms = new LinkedHashMap<>();
    final Map<String, DiskContent> contents = new LinkedHashMap<>();
    /** Where the search for the next free public address starts: anywhere, so two subscriptions rarely race. */
    private int nextPublicAddress;
    int nextPrivateAddress = 4;

    /**
     * A public address for a new VM, 127.0.2.N, on which nothing listens yet on WinRM's ports: another simulated
     * subscription — in this JVM, a parallel test fork or a second {@code lab} on the machine — may hold some of the
     * addresses, and each of its running VMs listens on 5985 there (port 80 is not probed: binding it needs root).
     */
    synchronized String nextPublicAddress() {
        for (int tried = 0; tried < 254; tried++) {
            String a = "127.0.2." + nextPublicAddress;
            nextPublicAddress = nextPublicAddress % 254 + 1;
            if (free(a, 5985) && free(a, 5986)) {
                return a;
            }
        }
        throw new IllegalStateException("no loopback address 127.0.2.1-254 is free for a simulated VM");
    }

    private static boolean free(String address, int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress(address, port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    ArmStore(String subscriptionId) {
        this(subscriptionId, 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(254));
    }

    ArmStore(String subscriptionId, int firstPublicAddress) {
        this.subscriptionId = subscriptionId;
        this.nextPublicAddress = firstPublicAddress;
    }

    ObjectNode group(String name, String location, JsonNode tags) {
        ObjectNode g = JSON.createObjectNode();
        g.put("id", "/subscriptions/" + subscriptionId + "/resourceGroups/" + name);
        g.put("name", name);
        g.put("type", "Microsoft.Resources/resourceGroups");
        g.put("location", location);
        g.set("tags", tags == null || tags.isNull() ? JSON.createObjectNode() : tags.deepCopy());
        g.putObject("properties").put("provisioningState", "Succeeded");
        return g;
    }

    synchronized ObjectNode requireGroup(String name) {
        ObjectNode g = groups.get(name.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw ArmError.groupNotFound(name);
        }
        return g;
    }

    synchronized List<ObjectNode> groupsMatching(String filter) {
        return groups.values().stream().filter(g -> matches(g, filter)).toList();
    }

    synchronized List<ObjectNode> resourcesMatching(String group, String filter) {
        String prefix = group == null ? null
                : ("/subscriptions/" + subscriptionId + "/resourceGroups/" + group + "/").toLowerCase(Locale.ROOT);
        return resources.values().stream()
                .filter(r -> prefix == null || r.get("id").asText().toLowerCase(Locale.ROOT).startsWith(prefix))
                .filter(r -> matches(r, filter)).toList();
    }

    static boolean matches(JsonNode r, String filter) {
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

    ObjectNode resource(String id, String type, String name, String location, JsonNode tags) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id);
        r.put("name", name);
        r.put("type", type);
        r.put("location", location);
        r.set("tags", tags == null || tags.isNull() ? JSON.createObjectNode() : tags.deepCopy());
        r.putObject("properties");
        return r;
    }

    String id(String group, String type, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    synchronized ObjectNode find(String id) {
        return id == null ? null : resources.get(id.toLowerCase(Locale.ROOT));
    }

    ObjectNode require(String id, String what) {
        ObjectNode r = find(id);
        if (r == null) {
            throw new ArmError(400, "InvalidResourceReference", "Resource " + id + " referenced by " + what + " was not found.");
        }
        return r;
    }

    /** A snapshot of what a disk holds: the live disk is frozen into a new guest checkpoint, a frozen one is shared. */
    DiskContent freeze(DiskContent c, String snapshotName) {
        if (c == null) {
            throw ArmError.invalid("The source disk holds nothing the simulated subscription knows.");
        }
        if (c.checkpoint().isPresent()) {
            return c;
        }
        String checkpoint = "arm-" + snapshotName + "-" + UUID.randomUUID().toString().substring(0, 8);
        // an Azure snapshot holds the disk only
        c.owner().guest.checkpoint(checkpoint, false);
        return new DiskContent(c.owner(), Optional.of(checkpoint));
    }

    static ObjectNode creating(ObjectNode r, boolean created) {
        ObjectNode copy = r.deepCopy();
        ((ObjectNode) copy.get("properties")).put("provisioningState", created ? "Creating" : "Updating");
        return copy;
    }

    /** Ids of every resource and resource group carrying the tag (what a reaper must leave none of). */
    synchronized List<String> tagged(String tag, String value) {
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
    synchronized List<String> resourceIds() {
        return resources.values().stream().map(r -> r.get("id").asText()).toList();
    }

    /** The simulated guests behind the VMs, for tests that look at the model directly. */
    synchronized Map<String, SimGuest> guests() {
        Map<String, SimGuest> out = new LinkedHashMap<>();
        vms.values().forEach(v -> out.put(v.name, v.guest));
        return out;
    }
}
