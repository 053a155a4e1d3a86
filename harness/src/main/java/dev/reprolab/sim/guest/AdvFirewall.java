package dev.reprolab.sim.guest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code netsh advfirewall}: profile state, and {@code firewall add|show|delete rule} over the guest's
 * {@link Firewall}; every other netsh context goes to the netsh that was there before.
 */
final class AdvFirewall implements GuestProgram {

    private static final String NO_MATCH = "No rules match the specified criteria.\r\n\r\n";
    private final GuestProgram otherContexts;

    AdvFirewall(GuestProgram otherContexts) {
        this.otherContexts = otherContexts;
    }

    @Override
    public List<String> names() {
        return List.of("netsh", "netsh.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        List<String> a = c.args().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (a.isEmpty() || !a.get(0).equals("advfirewall")) {
            return otherContexts == null ? 1 : otherContexts.run(c);
        }
        synchronized (SettingsPrograms.lock(c)) {
            Firewall f = SettingsPrograms.settings(c).firewall;
            if (a.size() >= 3 && a.get(1).equals("show") && a.get(2).equals("allprofiles")) {
                StringBuilder b = new StringBuilder();
                for (String p : List.of("Domain", "Private", "Public")) {
                    b.append("\r\n").append(p).append(" Profile Settings: \r\n").append("-".repeat(70)).append("\r\n")
                            .append(field("State", f.profiles().get(p) ? "ON" : "OFF"));
                }
                c.out(b + "Ok.\r\n\r\n");
                return 0;
            }
            if (a.size() >= 5 && a.get(1).equals("set") && a.get(3).equals("state")) {
                f.setState(a.get(2).replace("profile", ""), a.get(4).equals("on"));
                c.out("Ok.\r\n\r\n");
                return 0;
            }
            if (a.size() >= 4 && a.get(1).equals("firewall") && a.get(3).equals("rule")) {
                Map<String, String> kv = options(c.args().subList(4, c.args().size()));
                return switch (a.get(2)) {
                    case "add" -> add(c, f, kv);
                    case "show" -> show(c, f, kv);
                    case "delete" -> delete(c, f, kv);
                    default -> usage(c);
                };
            }
            return usage(c);
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                kv.put(s.substring(0, eq).toLowerCase(Locale.ROOT), s.substring(eq + 1));
            }
        }
        return kv;
    }

    private static int add(ProgramCall c, Firewall f, Map<String, String> kv) {
        String name = kv.get("name");
        String dir = kv.get("dir");
        String action = kv.get("action");
        if (name == null || dir == null || action == null) {
            c.out("A specified value is not valid.\r\n\r\nUsage: add rule name=<string>\r\n      dir=in|out\r\n      action=allow|block|bypass\r\n");
            return 1;
        }
        String protocol = kv.getOrDefault("protocol", "any").toUpperCase(Locale.ROOT);
        f.add(new Firewall.Rule(name, dir.equalsIgnoreCase("in") ? "In" : "Out", cap(action), protocol.equals("ANY") ? "Any" : protocol,
                kv.getOrDefault("localport", "Any"), !kv.getOrDefault("enable", "yes").equalsIgnoreCase("no")));
        c.out("Ok.\r\n\r\n");
        return 0;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static int show(ProgramCall c, Firewall f, Map<String, String> kv) {
        String name = kv.getOrDefault("name", "");
        String dir = kv.get("dir");
        List<Firewall.Rule> match = f.rules().stream().filter(r -> name.equalsIgnoreCase("all") || r.name().equalsIgnoreCase(name))
                .filter(r -> dir == null || r.direction().equalsIgnoreCase(dir)).toList();
        if (match.isEmpty()) {
            c.out(NO_MATCH);
            return 1;
        }
        StringBuilder b = new StringBuilder();
        for (Firewall.Rule r : match) {
            b.append("\r\n").append(field("Rule Name:", r.name())).append("-".repeat(70)).append("\r\n")
                    .append(field("Enabled:", r.enabled() ? "Yes" : "No")).append(field("Direction:", r.direction()))
                    .append(field("Profiles:", "Domain,Private,Public")).append(field("Grouping:", "")).append(field("LocalIP:", "Any"))
                    .append(field("RemoteIP:", "Any")).append(field("Protocol:", r.protocol())).append(field("LocalPort:", r.localPort()))
                    .append(field("RemotePort:", "Any")).append(field("Edge traversal:", "No")).append(field("Action:", r.action()));
        }
        c.out(b + "Ok.\r\n\r\n");
        return 0;
    }

    private static String field(String label, String value) {
        return String.format("%-38s", label) + value + "\r\n";
    }

    private static int delete(ProgramCall c, Firewall f, Map<String, String> kv) {
        int n = f.delete(kv.getOrDefault("name", ""));
        if (n == 0) {
            c.out(NO_MATCH);
            return 1;
        }
        c.out("\r\nDeleted " + n + " rule(s).\r\nOk.\r\n\r\n");
        return 0;
    }

    private static int usage(ProgramCall c) {
        c.out("The following command was not found: " + String.join(" ", c.args()) + ".\r\n");
        return 1;
    }
}
