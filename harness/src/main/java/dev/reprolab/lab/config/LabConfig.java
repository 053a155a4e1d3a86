package dev.reprolab.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    public static LabConfig load(Path file) {
        YamlFiles.Located<Raw> y = YamlFiles.readLocated(file, Raw.class);
        Raw raw = y.value();
        if (raw == null || raw.host == null || raw.host.address == null || raw.host.address.isBlank()) {
            throw y.error(raw == null || raw.host == null ? "" : "/host", "'host.address' is required");
        }
        if (raw.vms == null || raw.vms.isEmpty()) {
            throw y.error("/vms", "'vms' must list at least one VM");
        }
        Endpoint host = endpoint(y, "host", raw.host, 5985);
        Endpoint guest = endpoint(y, raw.guest == null ? "host" : "guest", raw.guest == null ? raw.host : raw.guest, 5985);
        List<Vm> vms = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < raw.vms.size(); i++) {
            RawVm v = raw.vms.get(i);
            String at = "/vms/" + i;
            if (v == null || v.name == null || v.name.isBlank()) {
                throw y.error(at, "every entry of 'vms' needs a 'name'");
            }
            if (!names.add(v.name.toLowerCase(java.util.Locale.ROOT))) {
                throw y.error(at + "/name", "VM '" + v.name + "' is listed twice");
            }
            if (v.port != null) {
                Checks.port(y, at + "/port", v.port);
            }
            if (v.certificateSha256 != null) {
                Checks.sha256(y, at + "/certificateSha256", v.certificateSha256);
            }
            if (v.portForwards != null) {
                for (Map.Entry<Integer, Integer> f : v.portForwards.entrySet()) {
                    Checks.port(y, at + "/portForwards/" + f.getKey(), f.getKey());
                    Checks.port(y, at + "/portForwards/" + f.getKey(), f.getValue());
                }
            }
            vms.add(new Vm(v.name, Optional.ofNullable(v.address), Optional.ofNullable(v.port),
                    Optional.ofNullable(v.certificateSha256), v.portForwards == null ? Map.of() : Map.copyOf(v.portForwards)));
        }
        Duration lab = raw.timeouts == null || raw.timeouts.lab == null ? Duration.ofMinutes(5)
                : Checks.positiveDuration(y, "/timeouts/lab", raw.timeouts.lab);
        if (host.allowTls10() || guest.allowTls10()) {
            // Java reads its list of disabled protocols once, when the first TLS connection is made: lift TLS 1.0's
            // ban now, before any connection exists; each connection still offers TLS 1.0 only when its endpoint opts in
            dev.reprolab.tls.Tls10.allowInJvm();
        }
        return new LabConfig(host, guest, List.copyOf(vms), lab);
    }

    private static Endpoint endpoint(YamlFiles.Located<Raw> y, String key, RawEndpoint r, int defaultPort) {
        String at = "/" + key;
        if (r.password != null) {
            throw y.yaml().keyError(at + "/password", "'" + key + ".password' would put a secret in the file; use '" + key
                    + ".passwordEnv' (an environment variable) or '" + key + ".passwordFile' instead");
        }
        if (r.port != null) {
            Checks.port(y, at + "/port", r.port);
        }
        if (r.certificateSha256 != null) {
            Checks.sha256(y, at + "/certificateSha256", r.certificateSha256);
        }
        Secret password = Checks.secret(y, at, key + ".password", r.passwordEnv, r.passwordFile)
                .orElseThrow(() -> y.error(at, "'" + key + "' needs 'passwordEnv' or 'passwordFile'"));
        return new Endpoint(r.address, r.port == null ? defaultPort : r.port, Boolean.TRUE.equals(r.https),
                Optional.ofNullable(r.certificateSha256),
                new Credentials(r.username == null ? "Administrator" : r.username, password), Boolean.TRUE.equals(r.allowTls10));
    }
}
