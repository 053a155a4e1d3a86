package dev.reprolab.remote;

import static com.xebialabs.overthere.cifs.CifsConnectionBuilder.CIFS_PORT;

import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.Overthere;
import com.xebialabs.overthere.OverthereConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the guest's {@code C$} answers the SMB file channel: the same Overthere CIFS connection {@link SmbFiles}
 * uses, listing {@code C:\Windows}. Changes nothing on the guest.
 */
public final class AdminShareProbe {

    private AdminShareProbe() {
    }

    /** Empty when C$ is reachable; else why not, in one line. */
    public static Optional<String> problem(WinRmGuest guest, Duration deadline) {
        CompletableFuture<Optional<String>> f = CompletableFuture.supplyAsync(() -> {
            ConnectionOptions o = guest.options();
            o.set(CIFS_PORT, guest.address().reachablePort(445));
            try (OverthereConnection c = Overthere.getConnection("cifs", o)) {
                return c.getFile("C:\\Windows").exists() ? Optional.<String>empty() : Optional.of("C$ answered but C:\\Windows is not on it");
            } catch (RuntimeException e) {
                return Optional.of(SecretMasker.mask(WinRmGuest.rootMessage(e)));
            }
        }, WinRmGuest.BLOCKING_IO);
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of("no SMB answer within " + deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of(SecretMasker.mask(WinRmGuest.rootMessage(e.getCause())));
        }
    }
}
