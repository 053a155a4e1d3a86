package dev.reprolab.sim.guest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds a {@link SimGuest}; defaults suit the simulated lab (short boots, loopback). */
public final class SimGuestBuilder {
    final String name;
    final Path disk;
    String computerName;
    String ipAddress = "10.0.0.5";
    String controllerAddress = "10.0.0.1";
    Duration bootDelay = Duration.ofSeconds(1);
    PatchEffects patches = new PatchEffects() {
        @Override
        public boolean leaksListenerReferences(java.util.Collection<String> kbs) {
            return false;
        }

        @Override
        public Optional<String> fileVersion(String fileName, java.util.Collection<String> kbs) {
            return Optional.empty();
        }
    };
    int winrmPort;
    int httpPort;
    final java.util.Map<Integer, Integer> forwards = new java.util.TreeMap<>();
    String httpAddress = "127.0.0.1";
    Clock clock = Clock.systemUTC();
    Duration afdWarningAfter = Duration.ofSeconds(5);
    Duration enumerationBase = TcpStack.ENUMERATION_BASE;
    Duration enumerationPerRow = TcpStack.ENUMERATION_PER_ROW;
    final List<GuestProgram> programs = new ArrayList<>();
    MachineSettings settings;

    SimGuestBuilder(String name, Path disk) {
        this.name = name;
        this.disk = disk;
        this.computerName = "WIN-" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    public SimGuestBuilder computerName(String n) {
        this.computerName = n;
        return this;
    }

    public SimGuestBuilder ipAddress(String ip) {
        this.ipAddress = ip;
        return this;
    }

    public SimGuestBuilder controllerAddress(String ip) {
        this.controllerAddress = ip;
        return this;
    }

    public SimGuestBuilder bootDelay(Duration d) {
        this.bootDelay = d;
        return this;
    }

    public SimGuestBuilder patchEffects(PatchEffects p) {
        this.patches = p;
        return this;
    }

    public SimGuestBuilder winrmPort(int port) {
        this.winrmPort = port;
        return this;
    }

    /** The real loopback port the guest's port 80 is served on (a port forward). */
    /** Another guest port reachable from the controller on a loopback port (1433 for the stand-in service). */
    public SimGuestBuilder forward(int guestPort, int loopbackPort) {
        this.forwards.put(guestPort, loopbackPort);
        return this;
    }

    public SimGuestBuilder httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** The controller-side address the guest's port 80 is reached on (default loopback 127.0.0.1). */
    public SimGuestBuilder httpAddress(String address) {
        this.httpAddress = address;
        return this;
    }

    public SimGuestBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** How long AFD waits on a socket close before logging event 16002. */
    public SimGuestBuilder afdWarningAfter(Duration d) {
        this.afdWarningAfter = d;
        return this;
    }

    /** How long one connection-table enumeration holds its listener references: base + per row. */
    public SimGuestBuilder enumerationTiming(Duration base, Duration perRow) {
        this.enumerationBase = base;
        this.enumerationPerRow = perRow;
        return this;
    }

    public SimGuestBuilder programs(List<GuestProgram> extra) {
        this.programs.addAll(extra);
        return this;
    }

    /** The machine configuration the base image has (default: what the vm-images scripts leave, WinRM over HTTP). */
    public SimGuestBuilder settings(MachineSettings m) {
        this.settings = m;
        return this;
    }

    public SimGuest build() {
        return new SimGuest(this);
    }
}
