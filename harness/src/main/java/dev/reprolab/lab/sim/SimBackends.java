package dev.reprolab.lab.sim;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Secret;
import dev.reprolab.sim.SimLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Starts the default lab: simulated guests whose patch behaviour comes from the catalog, behind the sim backend. */
public final class SimBackends {

    private SimBackends() {
    }

    /**
     * @param guests pool size
     * @param root where the guests' disks live (a temporary directory unless given)
     */
    public static SimBackend start(Catalog catalog, int guests, Path root, boolean https) {
        return start(catalog, guests, root, https, java.util.Map.of());
    }

    /** As {@link #start(Catalog, int, Path, boolean)}, with guests wrong on purpose (VM name or {@code *} → defects). */
    public static SimBackend start(Catalog catalog, int guests, Path root, boolean https,
                                   java.util.Map<String, java.util.Set<dev.reprolab.sim.guest.GuestDefect>> defects) {
        // a fresh password per lab: the simulated guests accept nothing else, and it is registered for masking
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        Secret password = Secret.of("Sim!" + Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        SimLab lab = SimLab.start(new SimLab.Config(guests, root, "Administrator", password.reveal(), https,
                Duration.ofSeconds(1), new CatalogPatchEffects(catalog), List.of(), Duration.ofSeconds(5)).withDefects(defects));
        return new SimBackend(lab, new Credentials("Administrator", password));
    }

    /** A temporary folder for the guests' disks, removed when the JVM exits (see {@link SimTempDirs}). */
    public static Path tempRoot() {
        return SimTempDirs.create();
    }
}
