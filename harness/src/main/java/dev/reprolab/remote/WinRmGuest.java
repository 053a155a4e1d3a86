package dev.reprolab.remote;

import static com.xebialabs.overthere.ConnectionOptions.ADDRESS;
import static com.xebialabs.overthere.ConnectionOptions.OPERATING_SYSTEM;
import static com.xebialabs.overthere.ConnectionOptions.PASSWORD;
import static com.xebialabs.overthere.ConnectionOptions.PORT;
import static com.xebialabs.overthere.ConnectionOptions.USERNAME;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.CONNECTION_TYPE;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_ENABLE_HTTPS;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_HTTPS_CERTIFICATE_TRUST_STRATEGY;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_HTTPS_HOSTNAME_VERIFICATION_STRATEGY;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_TIMEMOUT;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.Overthere;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereProcess;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.cifs.WinrmHttpsCertificateTrustStrategy;
import com.xebialabs.overthere.cifs.WinrmHttpsHostnameVerificationStrategy;
import dev.reprolab.lab.GuestAddress;
import dev.reprolab.lab.LabException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Windows guest over WinRM through Overthere's own client (CIFS protocol, WINRM_INTERNAL connection type): the
 * same class drives a real 2008 R2 VM and a simulated one.
 *
 * <p>Each command gets its own shell (Overthere creates and deletes one per command) and a deadline: the caller
 * waits at most that long, then the command is terminated (WS-Man Signal + Delete) and a {@link LabException} names
 * guest, command and deadline. Interrupting the calling thread does the same.
 *
 * <p>HTTPS: Overthere can only trust "strict" (PKIX), "self-signed" or "all". When the lab pins the endpoint's
 * certificate ({@link GuestAddress#certificateSha256()}), every connection is preceded by a TLS handshake whose
 * certificate must match the pin ({@link CertificatePin}); only then Overthere connects with "self-signed".
 */
public final class WinRmGuest implements Guest {

    private static final Logger LOG = LoggerFactory.getLogger(WinRmGuest.class);

    /**
     * Threads for blocking remote I/O: copying a command's stdout and stderr out of Overthere's pipes, SMB transfers.
     * They block for as long as the command runs (a netstat poller for a whole trial), so they must not be the common
     * fork-join pool's: on a machine with a few cores its handful of threads would be taken by long commands and the
     * next command's output would wait there until its deadline.
     */
    static final ExecutorService BLOCKING_IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "remote-io");
        t.setDaemon(true);
        return t;
    });
    /** cmd.exe's output code page on an en-US 2008 R2 (WINRS_CODEPAGE default). */
    static final Charset OEM = Charset.forName("IBM437");
    /** WinRM 2.0's MaxTimeoutms default: a Receive waits at most this long for output. */
    static final String OPERATION_TIMEOUT = "PT60.000S";

    private final GuestAddress address;
    private final FileTransfer files;

    public WinRmGuest(GuestAddress address) {
        this.address = address;
        this.files = new FileTransfer(this);
    }

    public GuestAddress address() {
        return address;
    }

    @Override
    public String name() {
        return address.vm();
    }

    ConnectionOptions options() {
        ConnectionOptions o = new ConnectionOptions();
        o.set(OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ADDRESS, address.host());
        o.set(PORT, address.winrmPort());
        o.set(USERNAME, address.credentials().username());
        o.set(PASSWORD, address.credentials().password().reveal());
        o.set(WINRM_TIMEMOUT, OPERATION_TIMEOUT);
        if (address.https()) {
            o.set(WINRM_ENABLE_HTTPS, true);
            if (address.certificateSha256().isPresent()) {
                o.set(WINRM_HTTPS_CERTIFICATE_TRUST_STRATEGY, WinrmHttpsCertificateTrustStrategy.SELF_SIGNED);
                o.set(WINRM_HTTPS_HOSTNAME_VERIFICATION_STRATEGY, WinrmHttpsHostnameVerificationStrategy.ALLOW_ALL);
            }
        }
        return o;
    }

    @Override
    public CommandResult run(String commandLine, Duration deadline) {
        return run(commandLine, deadline, null, null);
    }

    @Override
    public CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines) {
        return run(commandLine, deadline, lines, null);
    }

    /** Runs with bytes fed to the command's stdin (then closed). Used by the WinRM file channel. */
    CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines, byte[] stdin) {
        String shown = SecretMasker.mask(commandLine);
        Instant start = Instant.now();
        if (address.https() && address.certificateSha256().isPresent()) {
            CertificatePin.check(address.host(), address.winrmPort(), address.certificateSha256().get(), deadline);
        }
        OverthereConnection connection;
        OverthereProcess process;
        try {
            connection = Overthere.getConnection("cifs", options());
        } catch (RuntimeException e) {
            throw new LabException(name() + ": cannot connect to " + address.wsmanUrl() + ": " + SecretMasker.mask(String.valueOf(e.getMessage())), e);
        }
        try {
            process = connection.startProcess(new CmdLine().addRaw(commandLine));
        } catch (RuntimeException e) {
            connection.close();
            throw new LabException(name() + ": cannot start '" + shown + "': " + SecretMasker.mask(rootMessage(e)), e);
        }
        OverthereProcess p = process;
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> pump(p.getStdout(), Stream.STDOUT, lines), BLOCKING_IO);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> pump(p.getStderr(), Stream.STDERR, lines), BLOCKING_IO);
        try {
            if (stdin != null) {
                try (var in = p.getStdin()) {
                    in.write(stdin);
                }
            }
            long left = deadline.toNanos() - Duration.between(start, Instant.now()).toNanos();
            byte[] o = out.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            left = deadline.toNanos() - Duration.between(start, Instant.now()).toNanos();
            byte[] e = err.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            int exit = p.waitFor();
            return new CommandResult(shown, exit, new String(o, OEM), new String(e, OEM), Duration.between(start, Instant.now()));
        } catch (TimeoutException e) {
            p.destroy();
            throw new LabException(name() + ": '" + shown + "' did not finish within " + deadline);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new LabException(name() + ": '" + shown + "' interrupted");
        } catch (ExecutionException e) {
            p.destroy();
            if (e.getCause() instanceof ConsumerFailure bug) {
                throw bug.bug; // the caller's line handler failed: its bug, not the transport's
            }
            Throwable cause = e.getCause();
            throw new LabException(name() + ": '" + shown + "' failed: " + SecretMasker.mask(rootMessage(cause)), cause);
        } catch (IOException | RuntimeException e) {
            p.destroy();
            Throwable cause = e;
            throw new LabException(name() + ": '" + shown + "' failed: " + SecretMasker.mask(rootMessage(cause)), cause);
        } finally {
            connection.close();
        }
    }

    /** A RuntimeException thrown by the caller's line handler, told apart from the transport's own failures. */
    private static final class ConsumerFailure extends RuntimeException {
        final RuntimeException bug;

        ConsumerFailure(RuntimeException bug) {
            super(bug);
            this.bug = bug;
        }
    }

    private static void deliver(Consumer<OutputLine> lines, OutputLine line) {
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
    }

    private static byte[] pump(InputStream in, Stream stream, Consumer<OutputLine> lines) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
                if (lines == null) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        String text = line.toString(OEM);
                        while (text.endsWith("\r")) {
                            text = text.substring(0, text.length() - 1);
                        }
                        deliver(lines, new OutputLine(stream, text));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
            if (lines != null && line.size() > 0) {
                deliver(lines, new OutputLine(stream, line.toString(OEM)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all.toByteArray();
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")";
    }

    @Override
    public void upload(Path local, String remotePath, FileChannel channel, Duration deadline) {
        files.upload(local, remotePath, channel, deadline);
    }

    @Override
    public void download(String remotePath, Path local, FileChannel channel, Duration deadline) {
        files.download(remotePath, local, channel, deadline);
    }

    @Override
    public Instant bootTime(Duration deadline) {
        CommandResult r = run("wmic os get LastBootUpTime /value", deadline);
        return WmiTime.lastBootUpTime(r.stdout()).orElseThrow(() -> new LabException(name()
                + ": cannot read LastBootUpTime from wmic output: " + r.stdout().strip() + r.stderr().strip()));
    }

    @Override
    public Reconnect awaitReconnect(Instant bootTimeBefore, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long backoff = Duration.ofMillis(200).toNanos();
        String last = "no attempt";
        while (System.nanoTime() < end) {
            Duration left = Duration.ofNanos(end - System.nanoTime());
            try {
                Instant boot = bootTime(left.compareTo(Duration.ofSeconds(20)) < 0 ? left : Duration.ofSeconds(20));
                return boot.isAfter(bootTimeBefore) ? Reconnect.REBOOTED : Reconnect.RECONNECTED;
            } catch (LabException e) {
                last = e.getMessage();
                LOG.debug("{} not answering yet: {}", name(), last);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new LabException(name() + ": interrupted while waiting for the guest to answer");
            }
            LockSupport.parkNanos(Math.min(backoff, Math.max(0, end - System.nanoTime())));
            backoff = Math.min(backoff * 2, Duration.ofSeconds(2).toNanos());
        }
        throw new LabException(name() + ": did not answer over WinRM within " + deadline + " (last: " + last + ")");
    }

    @Override
    public Instant awaitReboot(Instant bootTimeBefore, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new LabException(name() + ": did not reboot within " + deadline);
            }
            Reconnect r = awaitReconnect(bootTimeBefore, Duration.ofNanos(left));
            if (r == Reconnect.REBOOTED) {
                return bootTime(Duration.ofNanos(Math.max(Duration.ofSeconds(5).toNanos(), end - System.nanoTime())));
            }
            LockSupport.parkNanos(Math.min(Duration.ofMillis(500).toNanos(), Math.max(0, end - System.nanoTime())));
        }
    }

    @Override
    public void close() {
        // connections are per command; nothing is held between calls
    }
}
