package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows Firewall with Advanced Security on the guest as {@code netsh advfirewall} sees it: the three profiles'
 * state and the inbound rules. {@link #allowsInbound(int)} is what a packet to a local TCP port meets.
 */
public final class Firewall {

    /** An inbound or outbound rule as {@code netsh advfirewall firewall add rule} makes it. */
    public record Rule(String name, String direction, String action, String protocol, String localPort, boolean enabled) {

        boolean matchesTcp(int port) {
            if (!enabled || !direction.equalsIgnoreCase("in") || !action.equalsIgnoreCase("allow")) {
                return false;
            }
            if (!protocol.equalsIgnoreCase("tcp") && !protocol.equalsIgnoreCase("any")) {
                return false;
            }
            if (localPort.equalsIgnoreCase("any")) {
                return true;
            }
            for (String p : localPort.split(",")) {
                String s = p.strip();
                int dash = s.indexOf('-');
                try {
                    if (dash > 0 ? port >= Integer.parseInt(s.substring(0, dash)) && port <= Integer.parseInt(s.substring(dash + 1))
                            : port == Integer.parseInt(s)) {
                        return true;
                    }
                } catch (NumberFormatException ignored) {
                    // RPC, RPC-EPMap and other keywords: not a TCP port number
                }
            }
            return false;
        }
    }

    private final Map<String, Boolean> profiles = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();

    /** 2008 R2 after setup and {@code winrm quickconfig}: every profile on, the WinRM HTTP exception, nothing for port 80. */
    public static Firewall defaults() {
        Firewall f = new Firewall();
        f.profiles.put("Domain", true);
        f.profiles.put("Private", true);
        f.profiles.put("Public", true);
        f.rules.add(new Rule("Windows Remote Management (HTTP-In)", "In", "Allow", "TCP", "5985", true));
        f.rules.add(new Rule("File and Printer Sharing (SMB-In)", "In", "Allow", "TCP", "445", true));
        return f;
    }

    public Firewall copy() {
        Firewall f = new Firewall();
        f.profiles.putAll(profiles);
        f.rules.addAll(rules);
        return f;
    }

    public Map<String, Boolean> profiles() {
        return Map.copyOf(profiles);
    }

    public void setState(String profile, boolean on) {
        profiles.replaceAll((k, v) -> profile.equalsIgnoreCase("all") || profile.equalsIgnoreCase(k) ? on : v);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    public void add(Rule r) {
        rules.add(r);
    }

    /** Deletes every rule of that name (as netsh does); returns how many. */
    public int delete(String name) {
        int before = rules.size();
        rules.removeIf(r -> r.name().equalsIgnoreCase(name));
        return before - rules.size();
    }

    /** Whether an inbound TCP connection to the port gets through (any profile off, or an enabled allow rule). */
    public boolean allowsInbound(int port) {
        return profiles.containsValue(false) || rules.stream().anyMatch(r -> r.matchesTcp(port));
    }
}
