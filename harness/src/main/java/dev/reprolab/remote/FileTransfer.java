package dev.reprolab.remote;

import dev.reprolab.time.Deadline;
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
 * lines streamed on stdin as they are read from the file, and streams a file back as base64 lines in one command;
 * sizes and SHA-256 are compared at the end. The SMB channel (Overthere's CIFS file access to the administrative
 * share) and the HTTP channel ({@link HttpTransfer}: the guest pulls from the controller) are faster for large files.
 * No channel holds a whole file in memory.
 */
final class FileTransfer {

    /*
     * Each chunk line echoes the stream position: progress the harness can read, and output that keeps every
     * WS-Man Receive answered well within the OperationTimeout.
     */

    /** Raw bytes per stdin line: 128 KB of base64, split by the transport into envelope-sized Sends. */
    static final int UPLOAD_CHUNK = 96 * 1024;
    /** Raw bytes per line of a download's output: one line is the most the harness holds of it at a time. */
    static final int DOWNLOAD_CHUNK = 1 << 20;

    private final WinRmGuest guest;

    FileTransfer(WinRmGuest guest) {
        this.guest = guest;
    }

    /** The one place a channel picks its implementation. */
    void upload(Path local, String remote, FileChannel channel, Duration deadline) {
        upload(local, remote, TransferPolicy.of(channel), deadline);
    }

    void download(String remote, Path local, FileChannel channel, Duration deadline) {
        download(remote, local, TransferPolicy.of(channel), deadline);
    }

    /** Uploads with a deadline sized by the file. */
    void upload(Path local, String remote, TransferPolicy policy) {
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upload(local, remote, policy, policy.deadlineFor(size));
    }

    /** Downloads with a deadline sized by the file: its size is asked first, within the floor. */
    void download(String remote, Path local, TransferPolicy policy) {
        long size = remoteSize(remote, Deadline.in(policy.floor()));
        download(remote, local, policy, policy.deadlineFor(size));
    }

    private void upload(Path local, String remote, TransferPolicy policy, Duration deadline) {
        switch (policy.channel()) {
            case SMB -> new SmbFiles(guest).upload(local, remote, deadline);
            case WINRM -> uploadOverWinRm(local, remote, deadline);
            case HTTP -> new HttpTransfer(guest, policy.fileServer()).upload(local, remote, deadline);
        }
    }

    private void download(String remote, Path local, TransferPolicy policy, Duration deadline) {
        switch (policy.channel()) {
            case SMB -> new SmbFiles(guest).download(remote, local, deadline);
            case WINRM -> downloadOverWinRm(remote, local, deadline);
            case HTTP -> new HttpTransfer(guest, policy.fileServer()).download(remote, local, deadline);
        }
    }

    private void uploadOverWinRm(Path local, String remote, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        String head = "[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName(" + ps(remote) + "))\r\n"
                + "$s = New-Object IO.FileStream(" + ps(remote) + ", [IO.FileMode]::Create, [IO.FileAccess]::Write)\r\n";
        CommandResult r;
        try (InputStream script = new UploadScript(Files.newInputStream(local), head, "$s.Close()\r\nexit 0\r\n")) {
            r = guest.run("powershell -NoProfile -NonInteractive -Command -", left(end), null, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a failed .Write() is a non-terminating error in PowerShell: the script goes on and exits 0, so stderr decides
        if (r.exitCode() != 0 || !r.stderr().isBlank()) {
            String why = r.stderr().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            throw new LabException(guest.name() + ": upload of " + remote + " failed (exit " + r.exitCode() + "): " + why);
        }
        verify(local, remote, end);
    }

    private void downloadOverWinRm(String remote, Path local, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        Path part = local.resolveSibling(local.getFileName() + ".part");
        // one command streams the whole file as one base64 line per block; each line is decoded as it arrives
        String script = "$f = [IO.File]::OpenRead(" + ps(remote) + "); $b = New-Object byte[] " + DOWNLOAD_CHUNK + "\n"
                + "try { while (($n = $f.Read($b, 0, $b.Length)) -gt 0) { [Convert]::ToBase64String($b, 0, $n) } } finally { $f.Close() }\n";
        CommandResult r;
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                Base64.Decoder b64 = Base64.getDecoder();
                r = guest.run(encoded(script), left(end), line -> {
                    if (line.stream() == Guest.Stream.STDOUT && !line.text().isBlank()) {
                        try {
                            out.write(b64.decode(line.text().strip()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (IllegalArgumentException e) {
                            // what the guest sent is not the script's output: the stream was cut or garbled on the way
                            throw new LabException(guest.name() + ": download of " + remote + ": the guest sent a line that is not base64 ("
                                    + e.getMessage() + ")");
                        }
                    }
                }, null, false);
            }
            if (r.exitCode() != 0) {
                throw new LabException(guest.name() + ": download of " + remote + " failed (exit " + r.exitCode() + "): "
                        + r.stderr().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
            }
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deletePart(part);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            // what came before the failure is no file: it must not sit in the trial's directory (a dump's may be gigabytes)
            deletePart(part);
            throw e;
        }
        try {
            verify(local, remote, end);
        } catch (LabException e) {
            // a file that is not the guest's must not pass for evidence (a corrupt MEMORY.DMP in the trial's folder)
            deletePart(local);
            throw e;
        }
    }

    private static void deletePart(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // the transfer's own failure is what the caller needs to hear; a part file left behind is only disk space
        }
    }

    /**
     * The upload script as a stream: a head line, then one {@code FromBase64String} + {@code Write} line per block of
     * the file as it is read, then a tail. Only one block is in memory at a time.
     */
    static final class UploadScript extends InputStream {
        private final InputStream file;
        private final byte[] block = new byte[UPLOAD_CHUNK];
        private byte[] current;
        private int pos;
        private String tail;

        UploadScript(InputStream file, String head, String tail) {
            this.file = file;
            this.current = head.getBytes(StandardCharsets.US_ASCII);
            this.tail = tail;
        }

        private boolean fill() throws IOException {
            while (current == null || pos >= current.length) {
                int n = file.readNBytes(block, 0, block.length);
                if (n > 0) {
                    current = ("$b = [Convert]::FromBase64String('" + Base64.getEncoder().encodeToString(n == block.length ? block
                            : java.util.Arrays.copyOf(block, n)) + "'); $s.Write($b, 0, $b.Length); $s.Position\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                } else if (tail != null) {
                    current = tail.getBytes(StandardCharsets.US_ASCII);
                    tail = null;
                } else {
                    return false;
                }
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private long remoteSize(String remote, Deadline end) {
        CommandResult r = guest.run(encoded("(Get-Item " + ps(remote) + ").Length"), left(end));
        try {
            return Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            throw new LabException(guest.name() + ": cannot read the size of " + remote + ": " + (r.stdout() + r.stderr()).strip());
        }
    }

    /** Compares size and SHA-256 of both copies: a transfer that lost or changed a byte is never taken for done. */
    private void verify(Path local, String remote, Deadline end) {
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

    private static Duration left(Deadline end) {
        return end.leftOrThrow(() -> new LabException("file transfer deadline passed"));
    }

    static String sha256(Path file) {
        return Sha256.of(file);
    }
}
