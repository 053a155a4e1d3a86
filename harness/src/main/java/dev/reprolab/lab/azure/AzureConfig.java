package dev.reprolab.lab.azure;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reprolab.lab.config.Checks;
import dev.reprolab.lab.config.YamlFiles;
import dev.reprolab.remote.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Azure lab as YAML ({@code --lab azure --lab-config FILE}). Secrets are references (environment variable or
 * file), never values; a literal {@code password:}, {@code clientSecret:} or {@code token:} is rejected.
 *
 * <pre>
 * backend: azure
 * subscriptionId: 00000000-0000-0000-0000-000000000000
 * tenantId: 11111111-1111-1111-1111-111111111111
 * region: westeurope
 * credential: { type: default }        # azure-identity's chain; or { type: clientSecret, clientId: …, clientSecretEnv: AZURE_CLIENT_SECRET }
 * image: /subscriptions/…/resourceGroups/golden/providers/Microsoft.Compute/images/ws2008r2-sp1   # or a gallery image version id
 * vmSize: Standard_D2s_v3
 * vms: 2
 * admin: { username: labadmin, passwordEnv: LAB_ADMIN_PASSWORD }
 * controllerAddress: 203.0.113.7/32    # the NSG opens 5986 and 80 to this source only
 * publicIp: true                       # false: reach the VMs on their private address (controller inside the VNet)
 * winrm: { trustAll: false }           # true: do not pin the certificate Run Command reports (not recommended)
 * #        allowTls10: true             — WinRM over TLS 1.0 to VMs whose SChannel speaks only that (a legacy image
 * #                                       the Run Command script cannot change): a warning per connection
 * keep: false                          # true: leave the run's resources for inspection (lab reap removes them later)
 * pollInterval: 5s
 * timeouts: { lab: 20m }
 * </pre>
 */
public record AzureConfig(Path file, String subscriptionId, String tenantId, String region, String resourceManagerEndpoint,
                          Optional<String> resourceManagerCertificateSha256, CredentialSpec credential, String image,
                          String vmSize, int vms, String adminUsername, Secret adminPassword, String controllerAddress,
                          boolean publicIp, boolean trustAll, boolean allowTls10, boolean keep, Duration pollInterval,
                          Duration labDeadline) {

    /** How the backend gets its ARM token: azure-identity's default chain, a service principal, or a fixed token. */
    public record CredentialSpec(String type, Optional<String> clientId, Optional<Secret> secret) {
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final class RawSecretRef {
        @JsonProperty public String type;
        @JsonProperty public String clientId;
        @JsonProperty public String clientSecretEnv;
        @JsonProperty public String clientSecretFile;
        @JsonProperty public String clientSecret;
        @JsonProperty public String tokenEnv;
        @JsonProperty public String tokenFile;
        @JsonProperty public String token;
    }

    static final class RawAdmin {
        @JsonProperty public String username;
        @JsonProperty public String passwordEnv;
        @JsonProperty public String passwordFile;
        @JsonProperty public String password;
    }

    static final class RawWinrm {
        @JsonProperty public Boolean trustAll;
        @JsonProperty public Boolean allowTls10;
    }

    static final class RawTimeouts {
        @JsonProperty public String lab;
    }

    static final class Raw {
        @JsonProperty public String backend;
        @JsonProperty public String subscriptionId;
        @JsonProperty public String tenantId;
        @JsonProperty public String region;
        @JsonProperty public String resourceManagerEndpoint;
        @JsonProperty public String resourceManagerCertificateSha256;
        @JsonProperty public RawSecretRef credential;
        @JsonProperty public String image;
        @JsonProperty public String vmSize;
        @JsonProperty public Integer vms;
        @JsonProperty public RawAdmin admin;
        @JsonProperty public String controllerAddress;
        @JsonProperty public Boolean publicIp;
        @JsonProperty public RawWinrm winrm;
        @JsonProperty public Boolean keep;
        @JsonProperty public String pollInterval;
        @JsonProperty public RawTimeouts timeouts;
    }

    public static AzureConfig load(Path file) {
        YamlFiles.Located<Raw> y = YamlFiles.readLocated(file, Raw.class);
        Raw raw = y.value();
        if (raw == null) {
            throw y.error("", "empty lab config");
        }
        if (raw.backend != null && !raw.backend.equals("azure")) {
            throw y.error("/backend", "'backend' is '" + raw.backend + "', this file is read as an azure lab");
        }
        String sub = required(y, "subscriptionId", raw.subscriptionId);
        if (!GUID.matcher(sub).matches()) {
            throw y.error("/subscriptionId", "'subscriptionId' must be a GUID, got '" + sub + "'");
        }
        String tenant = required(y, "tenantId", raw.tenantId);
        String endpoint = raw.resourceManagerEndpoint == null ? "https://management.azure.com/" : raw.resourceManagerEndpoint;
        if (!endpoint.startsWith("https://")) {
            throw y.error("/resourceManagerEndpoint", "'resourceManagerEndpoint' must be https (bearer tokens never go over plain HTTP)");
        }
        if (!endpoint.endsWith("/")) {
            endpoint += "/";
        }
        if (raw.resourceManagerCertificateSha256 != null) {
            Checks.sha256(y, "/resourceManagerCertificateSha256", raw.resourceManagerCertificateSha256);
        }
        String image = required(y, "image", raw.image);
        if (!image.startsWith("/subscriptions/")) {
            throw y.error("/image", "'image' must be the resource id of a managed image or gallery image version");
        }
        int vms = raw.vms == null ? 2 : raw.vms;
        if (vms < 1 || vms > 50) {
            throw y.error("/vms", "'vms' must be between 1 and 50, got " + vms);
        }
        if (raw.admin == null) {
            throw y.error("", "'admin' (username and passwordEnv or passwordFile) is required");
        }
        if (raw.admin.password != null) {
            throw y.yaml().keyError("/admin/password", "'admin.password' would put a secret in the file; use 'admin.passwordEnv' or 'admin.passwordFile'");
        }
        Secret adminPassword = Checks.secret(y, "/admin", "admin.password", raw.admin.passwordEnv, raw.admin.passwordFile)
                .orElseThrow(() -> y.error("/admin", "'admin' needs 'passwordEnv' or 'passwordFile'"));
        String controller = required(y, "controllerAddress", raw.controllerAddress);
        if (!controller.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?|[0-9A-Fa-f:]+(/\\d{1,3})?|\\*|Internet|VirtualNetwork")) {
            throw y.error("/controllerAddress", "'controllerAddress' must be an address or CIDR (e.g. 203.0.113.7/32), got '" + controller + "'");
        }
        Duration poll = raw.pollInterval == null ? Duration.ofSeconds(5) : Checks.positiveDuration(y, "/pollInterval", raw.pollInterval);
        Duration lab = raw.timeouts == null || raw.timeouts.lab == null ? Duration.ofMinutes(20)
                : Checks.positiveDuration(y, "/timeouts/lab", raw.timeouts.lab);
        boolean allowTls10 = raw.winrm != null && Boolean.TRUE.equals(raw.winrm.allowTls10);
        if (allowTls10) {
            // as for a Hyper-V lab: Java reads its disabled protocols once, so TLS 1.0's ban is lifted before any TLS
            // connection exists; each connection still offers TLS 1.0 only when its endpoint opts in (and warns)
            dev.reprolab.tls.Tls10.allowInJvm();
        }
        return new AzureConfig(file, sub, tenant, raw.region == null ? "westeurope" : raw.region, endpoint,
                Optional.ofNullable(raw.resourceManagerCertificateSha256), credential(y, raw.credential), image,
                raw.vmSize == null ? "Standard_D2s_v3" : raw.vmSize, vms,
                raw.admin.username == null ? "labadmin" : raw.admin.username, adminPassword, controller,
                raw.publicIp == null || raw.publicIp, raw.winrm != null && Boolean.TRUE.equals(raw.winrm.trustAll),
                allowTls10, Boolean.TRUE.equals(raw.keep), poll, lab);
    }

    private static CredentialSpec credential(YamlFiles.Located<Raw> y, RawSecretRef c) {
        if (c == null || c.type == null || c.type.equals("default")) {
            return new CredentialSpec("default", Optional.empty(), Optional.empty());
        }
        if (c.clientSecret != null || c.token != null) {
            String key = c.token != null ? "token" : "clientSecret";
            throw y.yaml().keyError("/credential/" + key, "'credential." + key
                    + "' would put a secret in the file; use the ...Env or ...File form");
        }
        return switch (c.type) {
            case "clientSecret" -> new CredentialSpec("clientSecret",
                    Optional.of(required(y, "credential.clientId", c.clientId)),
                    Optional.of(Checks.secret(y, "/credential", "credential.clientSecret", c.clientSecretEnv, c.clientSecretFile)
                            .orElseThrow(() -> y.error("/credential", "'credential' needs 'clientSecretEnv' or 'clientSecretFile'"))));
            case "token" -> new CredentialSpec("token", Optional.empty(),
                    Optional.of(Checks.secret(y, "/credential", "credential.token", c.tokenEnv, c.tokenFile)
                            .orElseThrow(() -> y.error("/credential", "'credential' needs 'tokenEnv' or 'tokenFile'"))));
            default -> throw y.error("/credential/type", "'credential.type' must be default, clientSecret or token, got '" + c.type + "'");
        };
    }

    private static String required(YamlFiles.Located<Raw> y, String key, String value) {
        if (value == null || value.isBlank()) {
            String pointer = "/" + key.replace('.', '/');
            throw y.error(pointer, "'" + key + "' is required");
        }
        return value;
    }
}
