package dev.reprolab.sim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The network security group rules the simulated subscription enforces on a VM's ports. */
final class NsgRules {

    private final ArmStore store;

    NsgRules(ArmStore store) {
        this.store = store;
    }

    /**
     * Whether the network security group on the VM's NIC lets the controller (connecting from 127.0.0.1) reach the
     * port: an inbound TCP allow rule whose destination port range and source prefix cover it. Without an NSG, Azure
     * lets everything in (the simulation leaves deny rules and priorities out: the backend writes allow rules only).
     */
    boolean admits(ArmVm vm, int port) {
        ObjectNode r = store.find(vm.id);
        if (r == null) {
            return false;
        }
        ObjectNode nic = store.find(r.path("properties").path("networkProfile").path("networkInterfaces").path(0).path("id").asText(null));
        String nsgId = nic == null ? null : nic.path("properties").path("networkSecurityGroup").path("id").asText(null);
        if (nsgId == null) {
            return true;
        }
        ObjectNode nsg = store.find(nsgId);
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

    static boolean portCovered(String range, int port) {
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

    static long ipv4(String ip) {
        long v = 0;
        for (String o : ip.strip().split("\\.")) {
            v = (v << 8) | Integer.parseInt(o);
        }
        return v;
    }
}
