package dev.reprolab.lab.sim;

import dev.reprolab.lab.config.LabConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;

/**
 * Writes the lab config with which the Hyper-V backend (or any WinRM client) reaches a running simulated lab:
 * the YAML that {@code --lab hyperv --lab-config} reads, and the password beside it in a file only the owner can
 * read (the config references it; it never holds it).
 */
public final class SimServe {

    private SimServe() {
    }

    public static Path writeConfig(SimBackend sim, Path dir) {
        LabConfig c = sim.config();
        try {
            Files.createDirectories(dir);
            Path pw = dir.resolve("password");
            Files.writeString(pw, c.host().credentials().password().reveal(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            String vms = c.vms().stream().map(v -> "  - name: " + v.name() + "\n    address: " + v.address().orElse("127.0.0.1")
                    + "\n    port: " + v.port().orElseThrow() + "\n    portForwards: {" + v.portForwards().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + "}").collect(Collectors.joining("\n"));
            Path yaml = dir.resolve("lab.yaml");
            Files.writeString(yaml, "# the simulated lab as a Hyper-V lab: ./lab run SCENARIO --lab hyperv --lab-config " + yaml + "\n"
                    + "host: {address: " + c.host().address() + ", port: " + c.host().port() + ", https: " + c.host().https()
                    + ", username: " + c.host().credentials().username() + ", passwordFile: password}\n"
                    + "guest: {username: " + c.guest().credentials().username() + ", passwordFile: password}\n"
                    + "vms:\n" + vms + "\n", StandardCharsets.UTF_8);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
