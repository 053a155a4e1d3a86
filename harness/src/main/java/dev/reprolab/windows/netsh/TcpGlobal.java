package dev.reprolab.windows.netsh;

import java.util.LinkedHashMap;

/** The settings {@code netsh int tcp show global} prints, label to value, in printed order. */
public record TcpGlobal(LinkedHashMap<String, String> settings) {

    public TcpGlobal {
        settings = new LinkedHashMap<>(settings);
    }

    /** The eight settings of Server 2008 R2 SP1 with its defaults ("Acess" is Windows' own misspelling). */
    public static TcpGlobal windows2008R2Defaults() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        s.put("Receive-Side Scaling State", "enabled");
        s.put("Chimney Offload State", "automatic");
        s.put("NetDMA State", "enabled");
        s.put("Direct Cache Acess (DCA)", "disabled");
        s.put("Receive Window Auto-Tuning Level", "normal");
        s.put("Add-On Congestion Control Provider", "none");
        s.put("ECN Capability", "disabled");
        s.put("RFC 1323 Timestamps", "disabled");
        return new TcpGlobal(s);
    }

    public String get(String label) {
        return settings.get(label);
    }
}
