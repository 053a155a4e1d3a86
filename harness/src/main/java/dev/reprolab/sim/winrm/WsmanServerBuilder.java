package dev.reprolab.sim.winrm;

import java.time.Duration;

/** A {@link WsmanServer}'s configuration; defaults are WinRM 2.0's on Server 2008 R2. */
public final class WsmanServerBuilder {
    ShellBackend backend;
    String username = "Administrator";
    String password = "";
    String bindAddress = "127.0.0.1";
    int port;
    boolean https;
    SslMaterial ssl;
    String machine = "WIN-LAB";
    int maxEnvelopeSizeKb = 150;
    Duration maxTimeout = Duration.ofSeconds(60);
    java.util.function.IntSupplier maxShellsPerUser = () -> 5;
    Duration idleTimeout = Duration.ofMinutes(3);
    /** What the HTTPS listener offers, asked per connection (a Server 2016+ host: TLS 1.2 and older). */
    java.util.function.Supplier<java.util.List<String>> tlsProtocols = () -> java.util.List.of("TLSv1.2", "TLSv1.1", "TLSv1");

    public WsmanServerBuilder backend(ShellBackend backend) {
        this.backend = backend;
        return this;
    }

    /** The local account clients log on with (Basic auth). */
    public WsmanServerBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public WsmanServerBuilder bind(String address) {
        this.bindAddress = address;
        return this;
    }

    /** 0 picks a free port. */
    public WsmanServerBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** HTTPS with a freshly generated self-signed certificate (its SHA-256 is {@link WsmanServer#certificateSha256()}). */
    public WsmanServerBuilder https(boolean https) {
        this.https = https;
        return this;
    }

    /** HTTPS with this certificate (a listener made by a script that created its own certificate). */
    public WsmanServerBuilder ssl(SslMaterial material) {
        this.ssl = material;
        this.https = true;
        return this;
    }

    /** The protocol versions the HTTPS listener offers now (a 2008 R2 guest: what SChannel read at its last boot). */
    public WsmanServerBuilder tlsProtocols(java.util.function.Supplier<java.util.List<String>> protocols) {
        this.tlsProtocols = protocols;
        return this;
    }

    /** The computer name faults carry in {@code WSManFault/@Machine}. */
    public WsmanServerBuilder machine(String machine) {
        this.machine = machine;
        return this;
    }

    public WsmanServerBuilder maxEnvelopeSizeKb(int kb) {
        this.maxEnvelopeSizeKb = kb;
        return this;
    }

    public WsmanServerBuilder maxTimeout(Duration d) {
        this.maxTimeout = d;
        return this;
    }

    public WsmanServerBuilder maxShellsPerUser(int n) {
        this.maxShellsPerUser = () -> n;
        return this;
    }

    /** The quota as the guest's WinRM configuration has it at each new shell. */
    public WsmanServerBuilder maxShellsPerUser(java.util.function.IntSupplier n) {
        this.maxShellsPerUser = n;
        return this;
    }

    public WsmanServerBuilder idleTimeout(Duration d) {
        this.idleTimeout = d;
        return this;
    }

    public WsmanServer build() {
        if (backend == null) {
            throw new IllegalStateException("a ShellBackend is required");
        }
        return new WsmanServer(this);
    }
}
