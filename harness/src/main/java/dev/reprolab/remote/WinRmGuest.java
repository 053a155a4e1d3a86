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

import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.cifs.WinrmHttpsCertificateTrustStrategy;
import com.xebialabs.overthere.cifs.WinrmHttpsHostnameVerificationStrategy;
import dev.reprolab.windows.wmi.WmiTime;
import dev.reprolab.remote.wsman.WsmanClient;
import dev.reprolab.remote.wsman.WsmanCommand;
import dev.reprolab.remote.wsman.WsmanException;
import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Windows guest over WinRM: the same class drives a real 2008 R2 VM and a simulated one. Commands go through our
 * own WS-Man client ({@link WsmanCommand}: one shell per command, always deleted; w:TimedOut Receives asked again
 * until the command's deadline; connect and socket timeouts on every request; the certificate pin checked in the
 * handshake of the connection that carries the password). Overthere is used for SMB file access only.
 *
 * <p>Each command has a deadline: the caller waits at most that long, then the command is terminated (WS-Man Signal
 * + Delete) and a {@link LabException} names guest, command and deadline. Interrupting the calling thread does the
 * same.
 */
public final class WinRmGuest implements Guest {

    private static final Logger LOG = LoggerFactory.getLogger(WinRmGuest.class);

    /**
     * Threads for blocking remote I/O: a command's WS-Man requests and its stdin, SMB transfers.
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

    /** Time a command's clean-up (Signal, Delete of its shell) may take after its deadline or an abort. */
    static final Duration CLEANUP_MARGIN = Duration.ofSeconds(25);
    /** How long a TCP connect to the endpoint may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** How long one boot-time query of a reboot or reconnect wait may take. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(20);

    private final GuestAddress address;
    private final FileTransfer files;
    private final WsmanClient client;

    public WinRmGuest(GuestAddress address) {
        this(address, Duration.parse(OPERATION_TIMEOUT));
    }

    /** With another OperationTimeout than WinRM 2.0's 60 s (the server caps it at its MaxTimeoutms anyway). */
    public WinRmGuest(GuestAddress address, Duration operationTimeout) {
        this.address = address;
        this.files = new FileTransfer(this);
        this.client = new WsmanClient(new WsmanClient.Settings(URI.create(address.wsmanUrl()), address.credentials().username(),
                address.credentials().password(), address.https() ? address.certificateSha256() : Optional.empty(),
                operationTimeout, CONNECT_TIMEOUT, address.https() && address.allowTls10()));
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
        return run(commandLine, deadline, null, (InputStream) null);
    }

    @Override
    public CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines) {
        return run(commandLine, deadline, lines, (InputStream) null);
    }

    /** Runs with bytes fed to the command's stdin (then closed). Used by the WinRM file channel. */
    CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines, byte[] stdin) {
        return run(commandLine, deadline, lines, stdin == null ? null : new ByteArrayInputStream(stdin));
    }

    /**
     * Runs with {@code stdin} streamed to the command in envelope-sized Sends as it is read (then closed), so a
     * large upload never sits in memory whole.
     */
    CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines, InputStream stdin) {
        return run(commandLine, deadline, lines, stdin, true);
    }

    /**
     * As {@link #run(String, Duration, Consumer, InputStream)}; with {@code keepStdout} false the stdout lines go to
     * {@code lines} only (a file streamed back in base64 lines is never held whole), and the result's stdout is empty.
     */
    CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines, InputStream stdin, boolean keepStdout) {
        String shown = SecretMasker.mask(commandLine);
        Instant start = Instant.now();
        Deadline end = Deadline.in(deadline);
        OutputSink out = new OutputSink(Stream.STDOUT, lines, keepStdout);
        OutputSink err = new OutputSink(Stream.STDERR, lines);
        WsmanCommand command = new WsmanCommand(client, commandLine);
        Future<Integer> running = BLOCKING_IO.submit(() -> command.execute(stdin, out, err, end, BLOCKING_IO));
        try {
            // the command enforces the deadline on every request; the margin covers its clean-up (Signal, Delete)
            int exit = running.get(deadline.toNanos() + CLEANUP_MARGIN.toNanos(), TimeUnit.NANOSECONDS);
            out.finish();
            err.finish();
            // powershell.exe's errors come serialized (#< CLIXML) when its output is redirected: keep their text
            return new CommandResult(shown, exit, out.text(), Clixml.plain(err.text()), Duration.between(start, Instant.now()));
        } catch (TimeoutException e) {
            command.abort();
            throw new LabException(name() + ": '" + shown + "' did not finish within " + deadline);
        } catch (InterruptedException e) {
            command.abort();
            awaitCleanUp(running);
            Thread.currentThread().interrupt();
            throw new LabException(name() + ": '" + shown + "' interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutputSink.ConsumerFailure bug) {
                throw bug.bug; // the caller's line handler failed: its bug, not the transport's
            }
            if (end.passed()) {
                throw new LabException(name() + ": '" + shown + "' did not finish within " + deadline, cause);
            }
            if (cause instanceof WsmanException w) {
                throw new LabException(name() + ": '" + shown + "' failed: " + SecretMasker.mask(w.getMessage()), w);
            }
            if (cause instanceof LabException l) {
                throw l;
            }
            if (cause instanceof java.io.UncheckedIOException io) {
                throw new LabException(name() + ": '" + shown + "' failed: " + SecretMasker.mask(rootMessage(io)), io);
            }
            // anything else is a bug in our code: fail loudly, not as the lab's failure
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    /** Lets an aborted command delete its shell before the caller moves on (bounded: the guest may be gone). */
    private static void awaitCleanUp(Future<Integer> running) {
        try {
            running.get(CLEANUP_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the clean-up's own failure is logged where it happened
        }
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
    public void upload(Path local, String remotePath, TransferPolicy policy) {
        files.upload(local, remotePath, policy);
    }

    @Override
    public void download(String remotePath, Path local, TransferPolicy policy) {
        files.download(remotePath, local, policy);
    }

    @Override
    public Instant bootTime(Duration deadline) {
        CommandResult r = run("wmic os get LastBootUpTime /value", deadline);
        return WmiTime.lastBootUpTime(r.stdout()).orElseThrow(() -> new LabException(name()
                + ": cannot read LastBootUpTime from wmic output: " + r.stdout().strip() + r.stderr().strip()));
    }

    @Override
    public BootMark bootMark(Duration deadline) {
        // measured, not waited on: the read's start and end bound when the guest's clock was sampled
        long start = System.nanoTime();
        CommandResult r = run("wmic os get LastBootUpTime,LocalDateTime /value", deadline);
        long end = System.nanoTime();
        java.util.Optional<Instant> boot = WmiTime.lastBootUpTime(r.stdout());
        java.util.regex.Matcher now = LOCAL_TIME.matcher(r.stdout());
        if (boot.isEmpty() || !now.find()) {
            throw new LabException(name() + ": cannot read LastBootUpTime and LocalDateTime from wmic output: "
                    + r.stdout().strip() + r.stderr().strip());
        }
        return new BootMark(boot.get(), Duration.between(boot.get(), WmiTime.parse(now.group(1))), start, end);
    }

    private static final java.util.regex.Pattern LOCAL_TIME = java.util.regex.Pattern.compile("LocalDateTime=(\\d{14}\\.\\d{6}[+-]\\d{3})");

    /**
     * Waits for a reboot by uptime (see {@link BootMark}): a guest whose clock is stepped while it is being watched
     * reports a later boot time without having rebooted.
     */
    @Override
    public BootMark awaitReboot(BootMark before, Duration deadline) {
        return Poll.every(Duration.ofMillis(500)).until(Deadline.in(deadline), d -> {
            try {
                BootMark now = bootMark(d.atMost(ANSWER_WAIT));
                return before.rebootedBy(now) ? Poll.Attempt.done(now) : Poll.Attempt.notYet("still up (" + now + ")");
            } catch (LabException e) {
                LOG.debug("{} not answering yet: {}", name(), e.getMessage());
                return Poll.Attempt.notYet(e.getMessage());
            }
        }, (end, last) -> new LabException(name() + (end == Poll.End.INTERRUPTED ? ": interrupted while waiting for the guest to reboot"
                : ": did not reboot within " + deadline + " (last: " + last + ")")));
    }

    @Override
    public Reconnect awaitReconnect(Instant bootTimeBefore, Duration deadline) {
        return Poll.backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).until(Deadline.in(deadline), d -> {
            try {
                Instant boot = bootTime(d.atMost(ANSWER_WAIT));
                return Poll.Attempt.done(boot.isAfter(bootTimeBefore) ? Reconnect.REBOOTED : Reconnect.RECONNECTED);
            } catch (LabException e) {
                LOG.debug("{} not answering yet: {}", name(), e.getMessage());
                return Poll.Attempt.notYet(e.getMessage());
            }
        }, (end, last) -> new LabException(name() + (end == Poll.End.INTERRUPTED ? ": interrupted while waiting for the guest to answer"
                : ": did not answer over WinRM within " + deadline + " (last: " + last + ")")));
    }

    @Override
    public Instant awaitReboot(Instant bootTimeBefore, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        Poll.every(Duration.ofMillis(500)).until(end, d -> awaitReconnect(bootTimeBefore, d.left()) == Reconnect.REBOOTED
                        ? Poll.Attempt.done(Reconnect.REBOOTED) : Poll.Attempt.notYet("answering, not rebooted yet"),
                (why, last) -> new LabException(name() + (why == Poll.End.INTERRUPTED ? ": interrupted while waiting for the guest to reboot"
                        : ": did not reboot within " + deadline)));
        return bootTime(Duration.ofNanos(Math.max(Duration.ofSeconds(5).toNanos(), end.remaining().toNanos())));
    }

    @Override
    public void close() {
        client.close();
    }
}
