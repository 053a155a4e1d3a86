package dev.reprolab.remote;

import dev.reprolab.lab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Files to and from a guest. The WINRM channel needs nothing but the WinRM endpoint: PowerShell 2.0 writes base64
 * chunks fed on stdin and reads a file back in base64 chunks; sizes and SHA-256 are compared at the end. The SMB
 * channel (Overthere's CIFS file access to the administrative share) is faster for dumps and is used when the lab
 * opens port 445 to the controller.
 */
final class FileTransfer {

    /*
     * Each chunk line echoes the stream position: progress the harness can read, and output that keeps every
     * WS-Man Receive answered well within the OperationTimeout.
     */

    /** Raw bytes per stdin line: one WS-Man Send must stay well under the 150 KB envelope. */
    static final int UPLOAD_CHUNK = 48 * 1024;
    /** Raw bytes per download command: its base64 output spans several Receives. */
    static final int DOWNLOAD_CHUNK = 2 * 1024 * 1024;

    private final WinRmGuest guest;

    FileTransfer(WinRmGuest guest) {
        this.guest = guest;
    }

    /** The one place a channel picks its implementation. */
    void upload(Path local, String remote, FileChannel channel, Duration deadline) {
        switch (channel) {
            case SMB -> new SmbFiles(guest).upload(local, remote, deadline);
            case WINRM -> uploadOverWinRm(local, remote, deadline);
        }
    }

    void download(String remote, Path local, FileChannel channel, Duration deadline) {
        switch (channel) {
            case SMB -> new SmbFiles(guest).download(remote, local, deadline);
            case WINRM -> downloadOverWinRm(remote, local, deadline);
        }
    }

    private void uploadOverWinRm(Path local, String remote, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        StringBuilder script = new StringBuilder();
        script.append("$s = New-Object IO.FileStream(").append(ps(remote)).append(", [IO.FileMode]::Create, [IO.FileAccess]::Write)\r\n");
        byte[] buf = new byte[UPLOAD_CHUNK];
        try (InputStream in = Files.newInputStream(local)) {
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                script.append("$b = [Convert]::FromBase64String('").append(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf, n)))
                        .append("'); $s.Write($b, 0, $b.Length); $s.Position\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script.append("$s.Close()\r\nexit 0\r\n");
        CommandResult r = guest.run("powershell -NoProfile -NonInteractive -Command -", left(end), null,
                script.toString().getBytes(StandardCharsets.US_ASCII));
        // a failed .Write() is a non-terminating error in PowerShell: the script goes on and exits 0, so stderr decides
        if (r.exitCode() != 0 || !r.stderr().isBlank()) {
            String why = r.stderr().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            throw new LabException(guest.name() + ": upload of " + remote + " failed (exit " + r.exitCode() + "): " + why);
        }
        verify(local, remote, end);
    }

    private void downloadOverWinRm(String remote, Path local, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long size = remoteSize(remote, end);
        Path part = local.resolveSibling(local.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            for (long offset = 0; offset < size; offset += DOWNLOAD_CHUNK) {
                int len = (int) Math.min(DOWNLOAD_CHUNK, size - offset);
                String script = "$f = [IO.File]::OpenRead(" + ps(remote) + "); [void]$f.Seek(" + offset + ", 'Begin'); "
                        + "$b = New-Object byte[] " + len + "; $n = $f.Read($b, 0, " + len + "); $f.Close(); "
                        + "[Convert]::ToBase64String($b, 0, $n)";
                CommandResult r = guest.run(encoded(script), left(end));
                if (r.exitCode() != 0) {
                    throw new LabException(guest.name() + ": download of " + remote + " failed at offset " + offset + ": " + r.stderr().strip());
                }
                out.write(Base64.getMimeDecoder().decode(r.stdout().strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        verify(local, remote, end);
    }

    private long remoteSize(String remote, long end) {
        CommandResult r = guest.run(encoded("(Get-Item " + ps(remote) + ").Length"), left(end));
        try {
            return Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            throw new LabException(guest.name() + ": cannot read the size of " + remote + ": " + (r.stdout() + r.stderr()).strip());
        }
    }

    /** Compares size and SHA-256 of both copies: a transfer that lost or changed a byte is never taken for done. */
    private void verify(Path local, String remote, long end) {
        String script = "$f = [IO.File]::OpenRead(" + ps(remote) + "); $h = [Security.Cryptography.SHA256]::Create().ComputeHash($f); "
                + "$f.Close(); [BitConverter]::ToString($h)";
        CommandResult r = guest.run(encoded(script), left(end));
        String remoteHash = r.stdout().strip().replace("-", "").toLowerCase(Locale.ROOT);
        String localHash = sha256(local);
        if (!remoteHash.equals(localHash)) {
            throw new LabException(guest.name() + ": " + remote + " differs after transfer (guest SHA-256 "
                    + (remoteHash.isEmpty() ? "unreadable: " + r.stderr().strip() : remoteHash) + ", local " + localHash + ")");
        }
    }

    static String encoded(String script) {
        return "powershell -NoProfile -NonInteractive -EncodedCommand "
                + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** A PowerShell single-quoted string literal. */
    static String ps(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static Duration left(long end) {
        long n = end - System.nanoTime();
        if (n <= 0) {
            throw new LabException("file transfer deadline passed");
        }
        return Duration.ofNanos(n);
    }

    static String sha256(Path file) {
        return Sha256.of(file);
    }
}
