package dev.reprolab.lab.sim;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.Secret;
import dev.reprolab.sim.azure.SimArm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The simulated Azure subscription ({@code lab sim serve --azure}, and in-process for tests) and the lab config with
 * which {@code --lab azure} drives it: the real Azure backend, pointed at the simulated resource manager by a custom
 * endpoint whose certificate it pins, with a fixed bearer token read from a 0600 file.
 */
public final class SimAzure {

    private SimAzure() {
    }

    /** A simulated subscription whose guests patch as the catalog says. */
    public static SimArm start(Catalog catalog, Path root, Duration bootDelay) {
        return SimArm.start(new SimArm.Config(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                random("arm-"), "westeurope", root, bootDelay, new CatalogPatchEffects(catalog), List.of(), Duration.ofSeconds(5)));
    }

    /**
     * Writes {@code lab-azure.yaml} with its token and admin-password files (mode 0600) into {@code dir}; returns the
     * config's path. The admin password is new each time and registered for masking.
     */
    public static Path writeConfig(SimArm arm, Path dir, int vms, boolean keep) {
        Secret admin = Secret.of("Az!" + random(""));
        Secret.of(arm.config().token());
        try {
            Files.createDirectories(dir);
            secretFile(dir.resolve("arm-token"), arm.config().token());
            secretFile(dir.resolve("admin-password"), admin.reveal());
            Path config = dir.resolve("lab-azure.yaml");
            Files.writeString(config, String.join("\n",
                    "# the simulated Azure subscription of `lab sim serve --azure` (written " + java.time.Instant.now() + ")",
                    "backend: azure",
                    "subscriptionId: " + arm.config().subscriptionId(),
                    "tenantId: " + arm.config().tenantId(),
                    "region: " + arm.config().location(),
                    "resourceManagerEndpoint: " + arm.endpoint(),
                    "resourceManagerCertificateSha256: " + arm.certificateSha256(),
                    "credential: { type: token, tokenFile: arm-token }",
                    "image: " + arm.imageId(),
                    "vmSize: Standard_D2s_v3",
                    "vms: " + vms,
                    "admin: { username: labadmin, passwordFile: admin-password }",
                    "controllerAddress: 127.0.0.1/32",
                    "publicIp: true",
                    "keep: " + keep,
                    "pollInterval: 100ms",
                    "timeouts: { lab: 5m }",
                    ""), StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void secretFile(Path f, String value) throws IOException {
        Files.deleteIfExists(f);
        Files.createFile(f);
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(f, value, StandardCharsets.UTF_8);
    }

    private static String random(String prefix) {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
