package dev.reprolab.sim.azure;

import static dev.reprolab.sim.azure.ArmHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resources inside a group: networks, security groups, addresses, interfaces, disks and snapshots (VMs are {@link ArmVms}'). */
final class ArmResources {

    private final ArmStore store;
    private final ArmOperations ops;
    private final ArmVms machines;

    ArmResources(ArmStore store, ArmOperations ops, ArmVms machines) {
        this.store = store;
        this.ops = ops;
        this.machines = machines;
    }

    void resourceRequest(HttpExchange ex, String method, String group, String type, String name, JsonNode body,
                                 String apiVersion) throws IOException {
        ObjectNode g = store.requireGroup(group);
        String id = store.id(g.get("name").asText(), canonicalType(type), name);
        String key = id.toLowerCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                ObjectNode r = store.find(id);
                if (r == null) {
                    throw ArmError.notFound(canonicalType(type), name, group);
                }
                send(ex, 200, r, Map.of());
            }
            case "PUT", "PATCH" -> put(ex, method, group, canonicalType(type), name, id, body, apiVersion);
            case "DELETE" -> {
                ObjectNode r = store.find(id);
                if (r == null) {
                    send(ex, 204, null, Map.of());
                    return;
                }
                ArmVm vm;
                synchronized (store) {
                    if (type.equalsIgnoreCase("Microsoft.Compute/disks") && r.path("managedBy").isTextual()) {
                        throw ArmError.notAllowed("Disk " + name + " is attached to VM " + r.get("managedBy").asText() + ".");
                    }
                    vm = store.vms.remove(key);
                    store.resources.remove(key);
                    store.contents.remove(key);
                }
                ops.accepted(ex, 202, null, true, apiVersion, () -> {
                    if (vm != null) {
                        vm.destroy();
                        synchronized (store) {
                            ObjectNode disk = store.find(vm.osDiskId);
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

    String canonicalType(String type) {
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

    void put(HttpExchange ex, String method, String group, String type, String name, String id, JsonNode body,
                     String apiVersion) throws IOException {
        ObjectNode existing = store.find(id);
        if (method.equals("PATCH") && existing == null) {
            throw ArmError.notFound(type, name, group);
        }
        String location = body.path("location").asText(existing == null ? null : existing.get("location").asText());
        if (location == null) {
            throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
        }
        if (type.equals("Microsoft.Compute/virtualMachines")) {
            machines.vmPut(ex, group, name, id, existing, body, apiVersion);
            return;
        }
        if (type.equals("Microsoft.Compute/images")) {
            throw new ArmError(409, "OperationNotAllowed", "The simulated subscription serves its one seeded image only.");
        }
        ObjectNode r = existing != null ? existing : store.resource(id, type, name, location, body.get("tags"));
        if (body.has("tags")) {
            r.set("tags", body.get("tags").deepCopy());
        }
        ObjectNode props = (ObjectNode) r.get("properties");
        JsonNode in = body.path("properties");
        if (body.has("sku")) {
            r.set("sku", body.get("sku").deepCopy());
        }
        synchronized (store) {
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
                        props.put("ipAddress", store.nextPublicAddress());
                    }
                    props.put("publicIPAllocationMethod", in.path("publicIPAllocationMethod").asText("Static"));
                    props.put("publicIPAddressVersion", "IPv4");
                }
                case "Microsoft.Network/networkInterfaces" -> {
                    if (in.has("networkSecurityGroup")) {
                        store.require(in.path("networkSecurityGroup").path("id").asText(null), "network interface " + name);
                        props.set("networkSecurityGroup", in.get("networkSecurityGroup").deepCopy());
                    }
                    ArrayNode configs = props.putArray("ipConfigurations");
                    for (JsonNode c : in.path("ipConfigurations")) {
                        String subnet = c.path("properties").path("subnet").path("id").asText(null);
                        ObjectNode vnet = store.require(subnet == null ? null : subnet.replaceAll("(?i)/subnets/[^/]+$", ""),
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
                        cp.put("privateIPAddress", "10.20.0." + store.nextPrivateAddress++);
                        cp.put("privateIPAllocationMethod", "Dynamic");
                        cp.put("primary", true);
                        cp.putObject("subnet").put("id", subnet);
                        String pip = c.path("properties").path("publicIPAddress").path("id").asText(null);
                        if (pip != null) {
                            store.require(pip, "network interface " + name);
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
                        ObjectNode disk = store.require(source, "snapshot " + name);
                        DiskContent c = store.contents.get(disk.get("id").asText().toLowerCase(Locale.ROOT));
                        store.contents.put(id.toLowerCase(Locale.ROOT), store.freeze(c, name));
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
                        ObjectNode snap = store.require(source, "disk " + name);
                        store.contents.put(id.toLowerCase(Locale.ROOT), store.contents.get(snap.get("id").asText().toLowerCase(Locale.ROOT)));
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
            store.resources.put(id.toLowerCase(Locale.ROOT), r);
        }
        // compute's disks and snapshots answer a create with 202 (their API allows 200/202), the rest with 201
        int status = type.startsWith("Microsoft.Compute/") ? 202 : existing == null ? 201 : 200;
        ops.accepted(ex, status, store.creating(r, existing == null), false, apiVersion, () -> null);
    }
}
