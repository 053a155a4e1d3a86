package dev.reprolab.sim.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the simulated subscription can hold: the VM sizes it offers ({@code Microsoft.Compute/skus}) and its vCPU
 * quotas per region ({@code locations/{region}/usages}: one per size family and the regional total), the current
 * value counted from the VMs that exist, as ARM counts allocated cores.
 */
final class ArmCapacity {

    /** name, family, vCPUs. */
    private static final String[][] SIZES = {
        {"Standard_D2s_v3", "standardDSv3Family", "2"}, {"Standard_D4s_v3", "standardDSv3Family", "4"},
        {"Standard_DS1_v2", "standardDSv2Family", "1"}, {"Standard_B2s", "standardBSFamily", "2"},
    };

    private final ArmStore store;
    private final Map<String, Long> limits = new LinkedHashMap<>(Map.of("cores", 20L, "standarddsv3family", 10L,
            "standarddsv2family", 10L, "standardbsfamily", 10L));

    ArmCapacity(ArmStore store) {
        this.store = store;
    }

    void limit(String quota, long value) {
        limits.put(quota.toLowerCase(Locale.ROOT), value);
    }

    ObjectNode skus(String location) {
        List<ObjectNode> out = new ArrayList<>();
        for (String[] s : SIZES) {
            ObjectNode o = ArmHttp.JSON.createObjectNode();
            o.put("resourceType", "virtualMachines").put("name", s[0]).put("tier", "Standard").put("size", s[0].substring(9))
                    .put("family", s[1]);
            o.putArray("locations").add(location);
            ArrayNode caps = o.putArray("capabilities");
            caps.addObject().put("name", "vCPUs").put("value", s[2]);
            o.putArray("restrictions");
            out.add(o);
        }
        return ArmHttp.list(out);
    }

    ObjectNode usages() {
        Map<String, Long> used = new LinkedHashMap<>();
        synchronized (store) {
            for (ObjectNode r : store.resourcesMatching(null, null)) {
                if (!r.path("type").asText().equalsIgnoreCase("Microsoft.Compute/virtualMachines")) {
                    continue;
                }
                String size = r.path("properties").path("hardwareProfile").path("vmSize").asText();
                for (String[] s : SIZES) {
                    if (s[0].equalsIgnoreCase(size)) {
                        used.merge(s[1].toLowerCase(Locale.ROOT), Long.parseLong(s[2]), Long::sum);
                        used.merge("cores", Long.parseLong(s[2]), Long::sum);
                    }
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, Long> l : limits.entrySet()) {
            ObjectNode o = ArmHttp.JSON.createObjectNode();
            o.put("unit", "Count").put("currentValue", used.getOrDefault(l.getKey(), 0L)).put("limit", l.getValue());
            String value = l.getKey().equals("cores") ? "cores" : family(l.getKey());
            o.putObject("name").put("value", value).put("localizedValue", l.getKey().equals("cores") ? "Total Regional vCPUs"
                    : "Standard " + value.substring(8, value.length() - 6).toUpperCase(Locale.ROOT).replace("V", "v") + " Family vCPUs");
            out.add(o);
        }
        return ArmHttp.list(out);
    }

    private static String family(String lower) {
        for (String[] s : SIZES) {
            if (s[1].equalsIgnoreCase(lower)) {
                return s[1];
            }
        }
        return lower;
    }
}
