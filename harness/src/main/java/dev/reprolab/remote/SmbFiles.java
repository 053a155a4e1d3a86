package dev.reprolab.remote;

import static com.xebialabs.overthere.cifs.CifsConnectionBuilder.CIFS_PORT;

import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.Overthere;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SMB file channel: Overthere's CIFS file access (jcifs) to the guest's administrative share, {@code C:\x}
 * → {@code \\host\C$\x}. jcifs speaks SMB1 (NT LM 0.12), which 2008 R2 serves by default; a Samba standing in for
 * the guest must allow it ({@code server min protocol = NT1}).
 */
final class SmbFiles {

    private final WinRmGuest guest;

    SmbFiles(WinRmGuest guest) {
        this.guest = guest;
    }

    private OverthereConnection connect() {
        ConnectionOptions o = guest.options();
        o.set(CIFS_PORT, guest.address().reachablePort(445));
        return Overthere.getConnection("cifs", o);
    }

    void upload(Path local, String remote, Duration deadline) {
        within(deadline, "upload of " + remote, () -> {
            try (OverthereConnection c = connect(); InputStream in = Files.newInputStream(local)) {
                OverthereFile f = c.getFile(remote);
                OverthereFile parent = f.getParentFile();
                if (parent != null && !parent.exists()) {
                    parent.mkdirs();
                }
                try (OutputStream out = f.getOutputStream()) {
                    in.transferTo(out);
                }
                long size = f.length();
                if (size != Files.size(local)) {
                    throw new LabException(guest.name() + ": " + remote + " has " + size + " bytes after upload, expected " + Files.size(local));
                }
            }
            return null;
        });
    }

    void download(String remote, Path local, Duration deadline) {
        within(deadline, "download of " + remote, () -> {
            Path part = local.resolveSibling(local.getFileName() + ".part");
            long expected;
            try (OverthereConnection c = connect()) {
                OverthereFile f = c.getFile(remote);
                expected = f.length();
                try (InputStream in = f.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
                    in.transferTo(out);
                }
            }
            if (Files.size(part) != expected) {
                throw new LabException(guest.name() + ": " + remote + " arrived with " + Files.size(part) + " of " + expected + " bytes");
            }
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T within(Duration deadline, String what, Io<T> io) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return io.run();
            } catch (IOException e) {
                throw new LabException(guest.name() + ": " + what + " over SMB failed: " + e.getMessage(), e);
            }
        }, WinRmGuest.BLOCKING_IO);
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new LabException(guest.name() + ": " + what + " over SMB did not finish within " + deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(guest.name() + ": " + what + " interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LabException le) {
                throw le;
            }
            throw new LabException(guest.name() + ": " + what + " over SMB failed: "
                    + SecretMasker.mask(WinRmGuest.rootMessage(c)), c);
        }
    }
}
