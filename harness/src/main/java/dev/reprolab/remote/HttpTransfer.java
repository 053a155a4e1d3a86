package dev.reprolab.remote;

import dev.reprolab.remote.LabException;
import dev.reprolab.time.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP file channel. Uploads: the controller offers the file on its {@link HttpFileServer} and the guest pulls it
 * with PowerShell 2.0's {@code (New-Object System.Net.WebClient).DownloadFile(url, path)}, then hashes what it wrote
 * (System.Security.Cryptography.SHA256, .NET 3.5) and prints hash and size; both are compared with the local file.
 * Downloads: the guest PUTs the file to an upload URL with an {@code HttpWebRequest} whose body is streamed from a
 * FileStream in 1 MiB blocks, hashing as it sends; the server hashes what it receives and both must agree.
 *
 * <p>Why not {@code WebClient.UploadFile} for the way back: in .NET 2.0–4.0 it buffers the whole request body in
 * memory ({@code AllowWriteStreamBuffering} is true and WebClient does not expose it), so a 2 GB kernel dump on a
 * 2 GB guest ends in OutOfMemoryException, and it wraps the file in multipart/form-data. A request with
 * {@code AllowWriteStreamBuffering = $false} and a ContentLength streams.
 */
final class HttpTransfer {

    /** Raw bytes per read/write of the guest's PUT loop: 1 MiB keeps PowerShell's per-iteration cost negligible. */
    static final int GUEST_BLOCK = 1 << 20;

    private final WinRmGuest guest;
    private final TransferPolicy.FileServer config;

    HttpTransfer(WinRmGuest guest, TransferPolicy.FileServer config) {
        this.guest = guest;
        this.config = config;
    }

    void upload(Path local, String remote, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        String advertised = advertisedAddress(end);
        HttpFileServer server = HttpFileServer.acquire(config.bind().orElse(advertised), config.port());
        try (HttpFileServer.Registration r = server.offer(local)) {
            String url = url(advertised, server.port(), r.path());
            String script = "$ErrorActionPreference = 'Stop'\n"
                    + "$p = " + FileTransfer.ps(remote) + "\n"
                    + "[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($p))\n"
                    + "(New-Object System.Net.WebClient).DownloadFile(" + FileTransfer.ps(url) + ", $p)\n"
                    + "$f = [IO.File]::OpenRead($p)\n"
                    + "try { $h = [Security.Cryptography.SHA256]::Create().ComputeHash($f); $n = $f.Length } finally { $f.Close() }\n"
                    + "[BitConverter]::ToString($h) + ' ' + $n\n";
            CommandResult res = guest.run(FileTransfer.encoded(script), left(end, deadline));
            String[] got = hashAndSize(res, "upload of " + remote + " over HTTP from " + url);
            String localHash = Sha256.of(local);
            long localSize = size(local);
            if (!got[0].equals(localHash) || Long.parseLong(got[1]) != localSize) {
                throw new LabException(guest.name() + ": " + remote + " differs after the HTTP transfer (guest SHA-256 " + got[0]
                        + ", " + got[1] + " bytes; local " + localHash + ", " + localSize + " bytes)");
            }
        } finally {
            server.release();
        }
    }

    void download(String remote, Path local, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        String advertised = advertisedAddress(end);
        HttpFileServer server = HttpFileServer.acquire(config.bind().orElse(advertised), config.port());
        try (HttpFileServer.Expected x = server.expect(local)) {
            String url = url(advertised, server.port(), x.path());
            long ms = Math.max(1000, Math.min(Integer.MAX_VALUE, deadline.toMillis()));
            String script = "$ErrorActionPreference = 'Stop'\n"
                    + "$f = [IO.File]::OpenRead(" + FileTransfer.ps(remote) + ")\n"
                    + "try {\n"
                    + "  $rq = [Net.WebRequest]::Create(" + FileTransfer.ps(url) + ")\n"
                    + "  $rq.Method = 'PUT'\n"
                    + "  $rq.AllowWriteStreamBuffering = $false\n"
                    + "  $rq.ContentLength = $f.Length\n"
                    + "  $rq.Timeout = " + ms + "\n"
                    + "  $rq.ReadWriteTimeout = " + ms + "\n"
                    + "  $sha = [Security.Cryptography.SHA256]::Create()\n"
                    + "  $b = New-Object byte[] " + GUEST_BLOCK + "\n"
                    + "  $s = $rq.GetRequestStream()\n"
                    + "  while (($n = $f.Read($b, 0, $b.Length)) -gt 0) { $s.Write($b, 0, $n); [void]$sha.TransformBlock($b, 0, $n, $b, 0) }\n"
                    + "  $s.Close()\n"
                    + "  [void]$sha.TransformFinalBlock($b, 0, 0)\n"
                    + "  $rq.GetResponse().Close()\n"
                    + "  [BitConverter]::ToString($sha.Hash) + ' ' + $f.Length\n"
                    + "} finally { $f.Close() }\n";
            CommandResult res = guest.run(FileTransfer.encoded(script), left(end, deadline));
            String[] sent = hashAndSize(res, "download of " + remote + " over HTTP to " + url);
            HttpFileServer.Received got;
            try {
                got = x.received().get(end.left().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new LabException(guest.name() + ": the guest sent " + remote + " but the controller received nothing within " + deadline);
            } catch (ExecutionException e) {
                throw new LabException(guest.name() + ": receiving " + remote + " over HTTP failed: " + WinRmGuest.rootMessage(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException(guest.name() + ": download of " + remote + " interrupted");
            }
            if (!got.sha256().equals(sent[0]) || got.bytes() != Long.parseLong(sent[1])) {
                throw new LabException(guest.name() + ": " + remote + " differs after the HTTP transfer (guest sent SHA-256 " + sent[0]
                        + ", " + sent[1] + " bytes; received " + got.sha256() + ", " + got.bytes() + " bytes)");
            }
        } finally {
            server.release();
        }
    }

    /** "HEX-WITH-DASHES SIZE" from the guest's last stdout line, or a LabException naming the guest's own error. */
    private String[] hashAndSize(CommandResult r, String what) {
        String last = r.stdout().strip().lines().reduce((a, b) -> b).orElse("").strip();
        String[] parts = last.split(" ");
        if (r.exitCode() != 0 || parts.length != 2 || !parts[0].matches("[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){31}") || !parts[1].matches("\\d+")) {
            String why = r.stderr().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(last);
            throw new LabException(guest.name() + ": " + what + " failed (exit " + r.exitCode() + "): " + SecretMasker.mask(why));
        }
        return new String[] {parts[0].replace("-", "").toLowerCase(Locale.ROOT), parts[1]};
    }

    /**
     * The controller's address as the guest sees it: configured, or the local end of a TCP connection to the guest's
     * WinRM port (the address of the route to the guest: the one its replies come back to).
     */
    private String advertisedAddress(Deadline end) {
        Optional<String> configured = config.address();
        if (configured.isPresent()) {
            return configured.get();
        }
        GuestAddressView a = new GuestAddressView(guest);
        try (Socket s = new Socket()) {
            int ms = (int) Math.max(1, end.atMost(WinRmGuest.CONNECT_TIMEOUT).toMillis());
            s.connect(new InetSocketAddress(a.host, a.port), ms);
            return s.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new LabException(guest.name() + ": cannot find the controller's address towards " + a.host + ":" + a.port
                    + " for the HTTP file channel: " + e.getMessage() + " (set lab.fileServer.address)", e);
        }
    }

    private record GuestAddressView(String host, int port) {
        GuestAddressView(WinRmGuest g) {
            this(g.address().host(), g.address().winrmPort());
        }
    }

    static String url(String host, int port, String path) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path;
    }

    private static long size(Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Duration left(Deadline end, Duration deadline) {
        return end.leftOrThrow(() -> new LabException(guest.name() + ": file transfer deadline of " + deadline + " passed"));
    }
}
