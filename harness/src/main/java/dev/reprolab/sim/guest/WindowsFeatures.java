package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The optional features (roles, role services, features) of a Server 2008 R2 SP1 guest, the one model behind
 * ServerManager's {@code Get-WindowsFeature} / {@code Add-WindowsFeature} and {@code dism /online /enable-feature}:
 * both tools change the same component store, so a feature installed by one is listed as installed by the other.
 * Names are ServerManager's ({@code Web-Server}); {@link Feature#dismName()} is the DISM name of the same feature
 * ({@code IIS-WebServerRole}).
 *
 * <p>Installing a feature also installs what it requires, the way Server Manager does (Web-Server pulls in the
 * default role services and the Windows Process Activation Service parts W3SVC depends on). The installed set is
 * part of what a checkpoint saves ({@link #copy()}); the listeners belong to the guest and survive restores.
 */
public final class WindowsFeatures {

    /**
     * One feature as ServerManager lists it.
     *
     * @param name ServerManager's name ({@code Web-Server})
     * @param displayName the name shown in Server Manager ({@code Web Server (IIS)})
     * @param dismName DISM's name of the same feature ({@code IIS-WebServerRole}), empty if DISM has none
     * @param parent the feature it is listed under, empty for a top-level role or feature
     * @param requires what installing it installs too (besides its parents)
     * @param installed whether it is installed now
     */
    public record Feature(String name, String displayName, String dismName, Optional<String> parent,
                          List<String> requires, boolean installed) {

        /** How deep it is listed (0 for a role, 1 for a role service under it...). */
        public int depth(List<Feature> all) {
            int d = 0;
            Optional<String> p = parent;
            while (p.isPresent()) {
                d++;
                String name = p.get();
                p = all.stream().filter(f -> f.name().equals(name)).findFirst().flatMap(Feature::parent);
            }
            return d;
        }
    }

    private record Def(String name, String displayName, String dismName, String parent, List<String> requires) {
    }

    /** The part of 2008 R2 SP1's feature list a repro lab touches, in Server Manager's order. */
    private static final List<Def> CATALOG = List.of(
            new Def("Web-Server", "Web Server (IIS)", "IIS-WebServerRole", null,
                    List.of("Web-WebServer", "Web-Common-Http", "Web-Static-Content", "Web-Default-Doc", "Web-Dir-Browsing",
                            "Web-Http-Errors", "Web-Health", "Web-Http-Logging", "Web-Request-Monitor", "Web-Security",
                            "Web-Filtering", "Web-Performance", "Web-Stat-Compression", "Web-Mgmt-Tools", "Web-Mgmt-Console",
                            "WAS", "WAS-Process-Model", "WAS-Config-APIs")),
            new Def("Web-WebServer", "Web Server", "IIS-WebServer", "Web-Server", List.of()),
            new Def("Web-Common-Http", "Common HTTP Features", "IIS-CommonHttpFeatures", "Web-WebServer", List.of()),
            new Def("Web-Static-Content", "Static Content", "IIS-StaticContent", "Web-Common-Http", List.of()),
            new Def("Web-Default-Doc", "Default Document", "IIS-DefaultDocument", "Web-Common-Http", List.of()),
            new Def("Web-Dir-Browsing", "Directory Browsing", "IIS-DirectoryBrowsing", "Web-Common-Http", List.of()),
            new Def("Web-Http-Errors", "HTTP Errors", "IIS-HttpErrors", "Web-Common-Http", List.of()),
            new Def("Web-Health", "Health and Diagnostics", "IIS-HealthAndDiagnostics", "Web-WebServer", List.of()),
            new Def("Web-Http-Logging", "HTTP Logging", "IIS-HttpLogging", "Web-Health", List.of()),
            new Def("Web-Request-Monitor", "Request Monitor", "IIS-RequestMonitor", "Web-Health", List.of()),
            new Def("Web-Security", "Security", "IIS-Security", "Web-WebServer", List.of()),
            new Def("Web-Filtering", "Request Filtering", "IIS-RequestFiltering", "Web-Security", List.of()),
            new Def("Web-Performance", "Performance", "IIS-Performance", "Web-WebServer", List.of()),
            new Def("Web-Stat-Compression", "Static Content Compression", "IIS-HttpCompressionStatic", "Web-Performance", List.of()),
            new Def("Web-Mgmt-Tools", "Management Tools", "IIS-WebServerManagementTools", "Web-Server", List.of()),
            new Def("Web-Mgmt-Console", "IIS Management Console", "IIS-ManagementConsole", "Web-Mgmt-Tools", List.of()),
            new Def("NET-Framework", ".NET Framework 3.5.1 Features", "", null, List.of("NET-Framework-Core")),
            new Def("NET-Framework-Core", ".NET Framework 3.5.1", "NetFx3", "NET-Framework", List.of()),
            new Def("SNMP-Services", "SNMP Services", "SNMP", null, List.of()),
            new Def("Telnet-Client", "Telnet Client", "TelnetClient", null, List.of()),
            new Def("WAS", "Windows Process Activation Service", "WAS-WindowsActivationService", null, List.of()),
            new Def("WAS-Process-Model", "Process Model", "WAS-ProcessModel", "WAS", List.of()),
            new Def("WAS-Config-APIs", "Configuration APIs", "WAS-ConfigurationAPI", "WAS", List.of()),
            new Def("PowerShell-ISE", "Windows PowerShell Integrated Scripting Environment (ISE)", "MicrosoftWindowsPowerShellISE",
                    null, List.of()));

    private final Set<String> installed;
    private final List<Consumer<Feature>> listeners;

    public WindowsFeatures() {
        this(new LinkedHashSet<>(), new CopyOnWriteArrayList<>());
    }

    private WindowsFeatures(Set<String> installed, List<Consumer<Feature>> listeners) {
        this.installed = installed;
        this.listeners = listeners;
    }

    /** A copy of the installed set for a checkpoint; the listeners are the guest's and are shared. */
    synchronized WindowsFeatures copy() {
        return new WindowsFeatures(new LinkedHashSet<>(installed), listeners);
    }

    /** Whether a feature (ServerManager or DISM name, any case) is installed; unknown names are not. */
    public synchronized boolean isInstalled(String name) {
        return find(name).map(d -> installed.contains(d.name())).orElse(false);
    }

    /** Whether the name is a feature of this OS (ServerManager's or DISM's name). */
    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /**
     * Installs a feature (ServerManager or DISM name), its parents and what it requires; every feature that was not
     * installed before is reported to the listeners, parents first. Returns the features newly installed, empty when
     * all were installed already.
     *
     * @throws IllegalArgumentException for a name that is not a feature of 2008 R2 SP1 (each tool words that itself)
     */
    public List<Feature> install(String name) {
        Def d = find(name).orElseThrow(() -> new IllegalArgumentException("no feature named " + name));
        List<Feature> added = new ArrayList<>();
        synchronized (this) {
            Set<String> want = new LinkedHashSet<>();
            closure(d, want);
            for (String n : want) {
                if (installed.add(n)) {
                    added.add(feature(def(n)));
                }
            }
        }
        for (Feature f : added) {
            listeners.forEach(l -> l.accept(f));
        }
        return added;
    }

    /** The feature, its parents (first) and what it requires; a parent requires its children, so visit each once. */
    private void closure(Def d, Set<String> out) {
        if (out.contains(d.name())) {
            return;
        }
        java.util.Deque<Def> parents = new java.util.ArrayDeque<>();
        for (Def p = d; p.parent() != null; p = def(p.parent())) {
            parents.push(def(p.parent()));
        }
        for (Def p : parents) {
            out.add(p.name());
        }
        out.add(d.name());
        for (Def p : parents) {
            p.requires().forEach(r -> closure(def(r), out));
        }
        d.requires().forEach(r -> closure(def(r), out));
    }

    /** Every feature in Server Manager's order, with whether it is installed. */
    public synchronized List<Feature> list() {
        return CATALOG.stream().map(this::feature).toList();
    }

    /** Called (outside the model's lock) for every feature that becomes installed. */
    public void addListener(Consumer<Feature> listener) {
        listeners.add(listener);
    }

    private Feature feature(Def d) {
        return new Feature(d.name(), d.displayName(), d.dismName(), Optional.ofNullable(d.parent()), d.requires(),
                installed.contains(d.name()));
    }

    private static Def def(String name) {
        return CATALOG.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static Optional<Def> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return CATALOG.stream().filter(d -> d.name().toLowerCase(Locale.ROOT).equals(n)).findFirst()
                .or(() -> CATALOG.stream().filter(d -> !d.dismName().isEmpty() && d.dismName().toLowerCase(Locale.ROOT).equals(n)).findFirst());
    }
}
