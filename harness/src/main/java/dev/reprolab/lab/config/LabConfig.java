package dev.reprolab.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reprolab.input.Problems;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hyper-V lab as YAML ({@code --lab hyperv --lab-config FILE}): the host's WinRM endpoint and credentials, the
 * guests' WinRM settings and credentials, and per VM optional address overrides and port forwards (a lab behind
 * NAT, or the simulated lab on loopback). Passwords are references — an environment variable or a file — never
 * the secret itself; a literal {@code password:} key is rejected.
 *
 * <pre>
 * host:   { address: hv01.lab.local, port: 5986, https: true, certificateSha256: "ab12…", username: LAB\svc, passwordEnv: HV_PASSWORD }
 * guest:  { username: Administrator, passwordFile: /etc/reprolab/guest.pw, port: 5985, https: false }
 *         # allowTls10: true  — HTTPS to guests whose SChannel speaks TLS 1.0 only (a stock 2008 R2): a warning per
 *         #                     connection; provision TLS 1.2 instead where you can
 * vms:
 *   - name: w2k8r2-01
 *     address: 10.0.0.11          # default: the IP Hyper-V reports
 *     portForwards: { 80: 8080 }  # default: none
 * timeouts: { lab: 5m }
 * </pre>
 */
public record LabConfig(Endpoint host, Endpoint guest, List<Vm> vms, Duration labDeadline) {

    /** A WinRM endpoint and who logs on to it. */
    public record Endpoint(String address, int port, boolean https, Optional<String> certificateSha256, Credentials credentials,
                           boolean allowTls10) {
        /** An endpoint held to TLS 1.2 or newer. */
        public Endpoint(String address, int port, boolean https, Optional<String> certificateSha256, Credentials credentials) {
            this(address, port, https, certificateSha256, credentials, false);
        }
    }

    /** One VM of the pool. */
    public record Vm(String name, Optional<String> address, Optional<Integer> port, Optional<String> certificateSha256,
                     Map<Integer, Integer> portForwards) {
    }

    static final class RawEndpoint {
        @JsonProperty public String address;
        @JsonProperty public Integer port;
        @JsonProperty public Boolean https;
        @JsonProperty public Boolean allowTls10;
        @JsonProperty public String certificateSha256;
        @JsonProperty public String username;
        @JsonProperty public String passwordEnv;
        @JsonProperty public String passwordFile;
        @JsonProperty public String password;
    }

    static final class RawVm {
        @JsonProperty public String name;
        @JsonProperty public String address;
        @JsonProperty public Integer port;
        @JsonProperty public String certificateSha256;
        @JsonProperty public Map<Integer, Integer> portForwards;
    }

    static final class RawTimeouts {
        @JsonProperty public String lab;
    }

    static final class Raw {
        @JsonProperty public String backend;
        @JsonProperty public RawEndpoint host;
        @JsonProperty public RawEndpoint guest;
        @JsonProperty public List<RawVm> vms;
        @JsonProperty public RawTimeouts timeouts;
    }

    /** Reads and checks a lab config, reporting every error it finds (one {@code file:line:col} line each). */
    public static LabConfig load(Path file) {
        YamlFiles.Located<Raw> y = YamlFiles.readLocated(file, Raw.class);
        Raw raw = y.value();
        Problems p = new Problems();
        if (raw == null || raw.host == null || raw.host.address == null || raw.host.address.isBlank()) {
            p.add(y.error(raw == null || raw.host == null ? "" : "/host", "'host.address' is required"));
        }
        if (raw == null || raw.vms == null || raw.vms.isEmpty()) {
            p.add(y.error("/vms", "'vms' must list at least one VM"));
        }
        Endpoint host = raw == null || raw.host == null ? null : endpoint(y, p, "host", raw.host, 5985);
        Endpoint guest = raw == null ? null : raw.guest == null ? host : endpoint(y, p, "guest", raw.guest, 5985);
        List<Vm> vms = raw == null || raw.vms == null ? List.of() : vms(y, p, raw.vms);
        Duration lab = raw == null || raw.timeouts == null || raw.timeouts.lab == null ? Duration.ofMinutes(5)
                : p.attempt(() -> Checks.positiveDuration(y, "/timeouts/lab", raw.timeouts.lab), Duration.ofMinutes(5));
        p.throwIfAny();
        if (host.allowTls10() || guest.allowTls10()) {
            // Java reads its list of disabled protocols once, when the first TLS connection is made: lift TLS 1.0's
            // ban now, before any connection exists; each connection still offers TLS 1.0 only when its endpoint opts in
            dev.reprolab.tls.Tls10.allowInJvm();
        }
        return new LabConfig(host, guest, vms, lab);
    }

    private static List<Vm> vms(YamlFiles.Located<Raw> y, Problems p, List<RawVm> raw) {
        List<Vm> vms = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawVm v = raw.get(i);
            String at = "/vms/" + i;
            if (v == null || v.name == null || v.name.isBlank()) {
                p.add(y.error(at, "every entry of 'vms' needs a 'name'"));
                continue;
            }
            if (!names.add(v.name.toLowerCase(java.util.Locale.ROOT))) {
                p.add(y.error(at + "/name", "VM '" + v.name + "' is listed twice"));
            }
            if (v.port != null) {
                p.attempt(() -> Checks.port(y, at + "/port", v.port), 0);
            }
            if (v.certificateSha256 != null) {
                p.attempt(() -> Checks.sha256(y, at + "/certificateSha256", v.certificateSha256), "");
            }
            if (v.portForwards != null) {
                for (Map.Entry<Integer, Integer> f : v.portForwards.entrySet()) {
                    p.attempt(() -> Checks.port(y, at + "/portForwards/" + f.getKey(), f.getKey()), 0);
                    p.attempt(() -> Checks.port(y, at + "/portForwards/" + f.getKey(), f.getValue()), 0);
                }
            }
            vms.add(new Vm(v.name, Optional.ofNullable(v.address), Optional.ofNullable(v.port),
                    Optional.ofNullable(v.certificateSha256), v.portForwards == null ? Map.of() : Map.copyOf(v.portForwards)));
        }
        return List.copyOf(vms);
    }

    private static Endpoint endpoint(YamlFiles.Located<Raw> y, Problems p, String key, RawEndpoint r, int defaultPort) {
        String at = "/" + key;
        if (r.password != null) {
            p.add(y.yaml().keyError(at + "/password", "'" + key + ".password' would put a secret in the file; use '" + key
                    + ".passwordEnv' (an environment variable) or '" + key + ".passwordFile' instead"));
        }
        if (r.port != null) {
            p.attempt(() -> Checks.port(y, at + "/port", r.port), 0);
        }
        if (r.certificateSha256 != null) {
            p.attempt(() -> Checks.sha256(y, at + "/certificateSha256", r.certificateSha256), "");
        }
        Optional<Secret> password = p.attempt(() -> Checks.secret(y, at, key + ".password", r.passwordEnv, r.passwordFile), Optional.empty());
        if (password.isEmpty() && r.passwordEnv == null && r.passwordFile == null && r.password == null) {
            p.add(y.error(at, "'" + key + "' needs 'passwordEnv' or 'passwordFile'"));
        }
        return new Endpoint(r.address, r.port == null ? defaultPort : r.port, Boolean.TRUE.equals(r.https),
                Optional.ofNullable(r.certificateSha256),
                new Credentials(r.username == null ? "Administrator" : r.username, password.orElse(null)), Boolean.TRUE.equals(r.allowTls10));
    }
}
