package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WinRM 2.0's configuration on the guest as {@code winrm get winrm/config} shows it (the tree and defaults of a
 * Server 2008 R2 SP1 capture), and its listeners. The simulated endpoint enforces {@code Winrs/MaxShellsPerUser}
 * from here, so {@code winrm set} changes what the next shell is allowed, as on Windows.
 */
public final class WinRmConfig {

    /** {@code winrm get winrm/config} on 2008 R2 SP1 with WinRM 2.0 defaults, one setting per line. */
    private static final String DEFAULTS = """
            Config
                MaxEnvelopeSizekb = 150
                MaxTimeoutms = 60000
                MaxBatchItems = 32000
                MaxProviderRequests = 4294967295
                Client
                    NetworkDelayms = 5000
                    URLPrefix = wsman
                    AllowUnencrypted = false
                    Auth
                        Basic = true
                        Digest = true
                        Kerberos = true
                        Negotiate = true
                        Certificate = true
                        CredSSP = false
                    DefaultPorts
                        HTTP = 5985
                        HTTPS = 5986
                    TrustedHosts
                Service
                    RootSDDL = O:NSG:BAD:P(A;;GA;;;BA)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)
                    MaxConcurrentOperations = 4294967295
                    MaxConcurrentOperationsPerUser = 15
                    EnumerationTimeoutms = 60000
                    MaxConnections = 25
                    MaxPacketRetrievalTimeSeconds = 120
                    AllowUnencrypted = false
                    Auth
                        Basic = false
                        Kerberos = true
                        Negotiate = true
                        Certificate = false
                        CredSSP = false
                        CbtHardeningLevel = Relaxed
                    DefaultPorts
                        HTTP = 5985
                        HTTPS = 5986
                    IPv4Filter = *
                    IPv6Filter = *
                    EnableCompatibilityHttpListener = false
                    EnableCompatibilityHttpsListener = false
                    CertificateThumbprint
                Winrs
                    AllowRemoteShellAccess = true
                    IdleTimeout = 180000
                    MaxConcurrentUsers = 5
                    MaxShellRunTime = 2147483647
                    MaxProcessesPerShell = 15
                    MaxMemoryPerShellMB = 150
                    MaxShellsPerUser = 5
            """;

    /** A line of the tree: its path ({@code config/winrs/maxshellsperuser}), depth, name and value (null: a section or empty). */
    private record Node(String path, int depth, String name, String value, boolean section) {
    }

    /** A listener as {@code winrm enumerate winrm/config/listener} lists it. */
    public record Listener(String transport, int port, String hostname, String certificateThumbprint) {
    }

    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    private WinRmConfig() {
    }

    /** WinRM as 2008 R2 installs it, before {@code winrm quickconfig}: no listener, Basic off. */
    public static WinRmConfig defaults() {
        WinRmConfig c = new WinRmConfig();
        List<String> lines = DEFAULTS.lines().toList();
        List<String> stack = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int depth = (line.length() - line.stripLeading().length()) / 4;
            String text = line.strip();
            int eq = text.indexOf(" = ");
            String name = eq < 0 ? text : text.substring(0, eq);
            while (stack.size() > depth) {
                stack.remove(stack.size() - 1);
            }
            stack.add(name.toLowerCase(Locale.ROOT));
            boolean section = eq < 0 && i + 1 < lines.size()
                    && (lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length()) / 4 > depth;
            String path = String.join("/", stack);
            c.nodes.put(path, new Node(path, depth, name, eq < 0 ? null : text.substring(eq + 3), section));
        }
        return c;
    }

    public WinRmConfig copy() {
        WinRmConfig c = new WinRmConfig();
        c.nodes.putAll(nodes);
        c.listeners.addAll(listeners);
        return c;
    }

    private static String key(String path) {
        String p = path.toLowerCase(Locale.ROOT).replace('\\', '/');
        if (p.startsWith("winrm/")) {
            p = p.substring("winrm/".length());
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** A setting's value, e.g. {@code get("config/winrs/MaxShellsPerUser")}. */
    public Optional<String> get(String path) {
        Node n = nodes.get(key(path));
        return n == null || n.section() ? Optional.empty() : Optional.ofNullable(n.value());
    }

    public int getInt(String path, int fallback) {
        try {
            return get(path).map(v -> (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v))).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean isSection(String path) {
        Node n = nodes.get(key(path));
        return n != null && n.section();
    }

    /** Sets a setting under a section; false when the section has no such setting (WinRM rejects unknown names). */
    public boolean set(String section, String name, String value) {
        String path = key(section) + "/" + name.toLowerCase(Locale.ROOT);
        Node n = nodes.get(path);
        if (n == null || n.section()) {
            return false;
        }
        nodes.put(path, new Node(n.path(), n.depth(), n.name(), value, false));
        return true;
    }

    /** The section as {@code winrm get} prints it (CRLF), indented from its own depth. */
    public String render(String section) {
        String root = key(section);
        Node top = nodes.get(root);
        if (top == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            if (!e.getKey().equals(root) && !e.getKey().startsWith(root + "/")) {
                continue;
            }
            Node n = e.getValue();
            b.append("    ".repeat(n.depth() - top.depth())).append(n.name());
            if (n.value() != null) {
                b.append(" = ").append(n.value());
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    public Optional<Listener> listener(String transport) {
        return listeners.stream().filter(l -> l.transport().equalsIgnoreCase(transport)).findFirst();
    }

    public void addListener(Listener l) {
        listeners.removeIf(x -> x.transport().equalsIgnoreCase(l.transport()));
        listeners.add(l);
    }

    public boolean removeListener(String transport) {
        return listeners.removeIf(x -> x.transport().equalsIgnoreCase(transport));
    }
}
