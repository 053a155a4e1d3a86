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

    /**
     * The credentials file of {@code lab sim serve --json} (mode 0600): each endpoint's name mapped to
     * {@code {"username":..., "password":...}}, for any WinRM client.
     */
    public static Path writeCredentials(SimBackend sim, Path dir) {
        LabConfig c = sim.config();
        com.fasterxml.jackson.databind.node.ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        root.putObject("hyperv-host").put("username", c.host().credentials().username()).put("password", c.host().credentials().password().reveal());
        for (LabConfig.Vm v : c.vms()) {
            root.putObject(v.name()).put("username", c.guest().credentials().username()).put("password", c.guest().credentials().password().reveal());
        }
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("credentials.json");
            Files.writeString(f, root.toPrettyString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one line {@code lab sim serve --json} prints once every endpoint answers. */
    public static String json(SimBackend sim, Path credentials) {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = m.createObjectNode();
        LabConfig c = sim.config();
        root.withArray("hosts").addObject().put("role", "hyperv-host").put("name", "hyperv-host")
                .put("winrm", "http://127.0.0.1:" + c.host().port() + "/wsman");
        for (LabConfig.Vm v : c.vms()) {
            root.withArray("hosts").addObject().put("role", "guest").put("name", v.name())
                    .put("winrm", "http://127.0.0.1:" + v.port().orElseThrow() + "/wsman");
        }
        root.put("credentials", credentials.toAbsolutePath().toString());
        return root.toString();
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
