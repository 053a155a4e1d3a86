package dev.reprolab.sim;

import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.PatchEffects;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.guest.SimGuestBuilder;
import dev.reprolab.sim.guest.SystemImage;
import dev.reprolab.sim.winrm.ShellBackend;
import dev.reprolab.sim.winrm.WsmanServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.reprolab.sim.guest.GuestDefect;
import dev.reprolab.sim.guest.MachineSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated lab: a pool of Server 2008 R2 guests, each behind its own WinRM endpoint on loopback, booted from a
 * base image with a {@code clean} checkpoint, plus (optionally) a simulated hypervisor host behind its own endpoint.
 * Everything the harness sees of it is WinRM on 127.0.0.1 and real TCP for port 80: the same surface as a real lab.
 */
public final class SimLab implements AutoCloseable {

    /** The checkpoint every guest starts from: the freshly installed base image. */
    public static final String CLEAN = "clean";

    /** WinRM 2.0's MaxTimeoutms: a Receive that saw no output for this long is answered w:TimedOut. */
    static final Duration WINRM_MAX_TIMEOUT = Duration.ofSeconds(60);

    /** WinRM 3.0+'s MaxShellsPerUser default (Server 2012 and later, so every Hyper-V host with Production checkpoints). */
    static final int HOST_MAX_SHELLS_PER_USER = 30;

    /** One guest with its endpoint. */
    public record Node(SimGuest guest, WsmanServer endpoint) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<WsmanServer> hosts = new ArrayList<>();
    private final Config config;

    /** How the lab is made; defaults fit tests and the default `lab run`. */
    public record Config(int guests, Path root, String username, String password, boolean https, Duration bootDelay,
                         PatchEffects patches, List<GuestProgram> programs, Duration afdWarningAfter,
                         Map<String, Set<GuestDefect>> defects) {

        /** Guests as the image recipe makes them (no defects). */
        public Config(int guests, Path root, String username, String password, boolean https, Duration bootDelay,
                      PatchEffects patches, List<GuestProgram> programs, Duration afdWarningAfter) {
            this(guests, root, username, password, https, bootDelay, patches, programs, afdWarningAfter, Map.of());
        }

        public Config {
            defects = Map.copyOf(defects);
        }

        /** The same lab with guests wrong on purpose: VM name (or {@code *} for every guest) → its defects. */
        public Config withDefects(Map<String, Set<GuestDefect>> d) {
            return new Config(guests, root, username, password, https, bootDelay, patches, programs, afdWarningAfter, d);
        }

        /** The defects of one guest. */
        public Set<GuestDefect> defectsOf(String vm) {
            Set<GuestDefect> out = java.util.EnumSet.noneOf(GuestDefect.class);
            out.addAll(defects.getOrDefault("*", Set.of()));
            out.addAll(defects.getOrDefault(vm, Set.of()));
            return out;
        }
    }

    /**
     * Guest ports the simulated lab forwards to loopback ports on the controller, besides 80: 1433, the stand-in
     * service's (SQL Server's) port. A workload listening elsewhere is reachable only from inside the guest.
     */
    public static final int STANDIN_PORT = 1433;

    private SimLab(Config config) {
        this.config = config;
    }

    public static SimLab start(Config config) {
        SimLab lab = new SimLab(config);
        try {
            for (int i = 1; i <= config.guests(); i++) {
                lab.addGuest(String.format("lab-%02d", i), i);
            }
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void addGuest(String name, int index) {
        Path disk = config.root().resolve(name).resolve("disk");
        try {
            Files.createDirectories(disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SystemImage.populate(disk);
        int winrmPort = freePort();
        Set<GuestDefect> defects = config.defectsOf(name);
        SimGuestBuilder b = SimGuest.builder(name, disk).ipAddress("10.0.0." + (10 + index)).winrmPort(winrmPort)
                .httpPort(freePort()).forward(STANDIN_PORT, freePort()).bootDelay(config.bootDelay()).patchEffects(config.patches())
                .afdWarningAfter(config.afdWarningAfter()).programs(config.programs());
        SimGuest guest = b.settings(MachineSettings.provisioned(config.https(), "WIN-" + name.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "")))
                .clock(defects.contains(GuestDefect.CLOCK_SKEW) ? Clock.offset(Clock.systemUTC(), GuestDefect.SKEW) : Clock.systemUTC())
                .build();
        // the endpoint enforces the shell quota the guest's WinRM configuration has now (winrm set changes it)
        WsmanServer endpoint = WsmanServer.builder().backend(guest).credentials(config.username(), config.password())
                .https(config.https()).port(winrmPort).machine(guest.computerName())
                .maxShellsPerUser(() -> guest.settings(m -> m.winrm.getInt("config/winrs/MaxShellsPerUser", 5)))
                .tlsProtocols(() -> guest.settings(m -> m.tlsServerProtocols))
                .maxTimeout(SimTime.scaled(WINRM_MAX_TIMEOUT)).build();
        guest.powerListener(new SimGuest.PowerListener() {
            @Override
            public void offline() {
                endpoint.goOffline();
            }

            @Override
            public void online() {
                if (endpoint.port() == 0) {
                    endpoint.start();
                } else {
                    endpoint.goOnline();
                }
            }
        });
        nodes.add(new Node(guest, endpoint));
        guest.powerOn();
        Poll.every(Duration.ofMillis(100)).until(Deadline.in(config.bootDelay().plusSeconds(30)),
                d -> guest.powerState() == SimVm.PowerState.RUNNING && endpoint.online() ? Poll.Attempt.done(true)
                        : Poll.Attempt.notYet(guest.powerState() + (endpoint.online() ? "" : ", WinRM not listening")),
                (end, last) -> new IllegalStateException(name + (end == Poll.End.INTERRUPTED ? " boot wait interrupted"
                        : " did not boot within " + config.bootDelay().plusSeconds(30) + " (" + last + ")")));
        for (GuestDefect d : defects) {
            d.apply(guest);
        }
        // taken the way a Server 2016+ host takes it by default: a Production checkpoint, disks only
        guest.checkpoint(CLEAN, false);
    }

    /** Starts a WinRM endpoint for a hypervisor host backend (the simulated Hyper-V host). */
    public WsmanServer serveHost(ShellBackend host, String machine) {
        WsmanServer s = WsmanServer.builder().backend(host).credentials(config.username(), config.password())
                .https(config.https()).machine(machine).maxTimeout(SimTime.scaled(WINRM_MAX_TIMEOUT))
                // the Hyper-V host is Server 2016+ (WinRM 3.0+): MaxShellsPerUser defaults to 30 there, not 2008 R2's 5
                .maxShellsPerUser(HOST_MAX_SHELLS_PER_USER).build().start();
        hosts.add(s);
        return s;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public List<SimVm> vms() {
        return nodes.stream().map(n -> (SimVm) n.guest()).toList();
    }

    public Optional<Node> node(String vm) {
        return nodes.stream().filter(n -> n.guest().name().equals(vm)).findFirst();
    }

    public Config config() {
        return config;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.guest().close();
            n.endpoint().close();
        }
        hosts.forEach(WsmanServer::close);
    }
}
