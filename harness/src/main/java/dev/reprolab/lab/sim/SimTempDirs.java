package dev.reprolab.lab.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated lab's disks live in a folder of the system temp directory (10-20 MB a run). {@code deleteOnExit}
 * cannot remove a folder that is not empty, so each folder carries its owner's process id and is deleted by a
 * shutdown hook (normal exit, Ctrl+C, SIGTERM); a run killed with SIGKILL runs no hook, so the next run (or
 * {@code lab reap --sim}) deletes every folder whose owner is no longer alive.
 */
public final class SimTempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(SimTempDirs.class);
    static final String PREFIX = "reprolab-sim";
    static final String OWNER = ".owner-pid";

    private SimTempDirs() {
    }

    /** A fresh folder, deleted when this JVM exits; leftovers of dead runs are removed first. */
    public static Path create() {
        reapLeftovers(tempDir());
        try {
            Path p = Files.createTempDirectory(PREFIX);
            Files.writeString(p.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(p), "delete " + p.getFileName()));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folders under {@code tmp} whose owner process is gone; returns them. */
    public static List<Path> reapLeftovers(Path tmp) {
        List<Path> gone = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(d)).toList()) {
                Optional<Long> owner = owner(d);
                if (owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (owner.isEmpty() && !Files.exists(d.resolve(OWNER))
                        && Files.getLastModifiedTime(d).toMillis() > System.currentTimeMillis() - 3_600_000L) {
                    continue; // an older harness's folder, or one being made right now: only old ones are taken
                }
                deleteTree(d);
                gone.add(d);
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", tmp, e.getMessage());
        }
        if (!gone.isEmpty()) {
            LOG.info("removed {} simulated-lab folder(s) that killed runs left in {}", gone.size(), tmp);
        }
        return gone;
    }

    static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Optional<Long> owner(Path d) {
        try {
            return Optional.of(Long.parseLong(Files.readString(d.resolve(OWNER)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a file still open on another thread at exit: what is left goes with the next run's reapLeftovers
            LOG.debug("could not delete all of {}: {}", root, e.getMessage());
        }
    }
}
