package dev.reprolab.remote.wsman;

import dev.reprolab.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One command in its own remote shell: Create, Command, Send (stdin, streamed in envelope-sized chunks), Receive until
 * Done, and Delete — always, whatever failed in between, so no shell is left to count against MaxShellsPerUser (5 on
 * 2008 R2) until WinRM's idle timeout.
 *
 * <p>A Receive answered with {@code w:TimedOut} means "no output within the OperationTimeout": it is sent again
 * until the command's own deadline, as winrs, pywinrm and PowerShell do. Every request has a socket timeout (the
 * OperationTimeout plus a margin, never past the deadline), so a machine that died under the command (a crash, a
 * power-off) ends the wait instead of blocking it forever.
 */
public final class WsmanCommand {

    private static final Logger LOG = LoggerFactory.getLogger(WsmanCommand.class);

    /** Raw stdin bytes per Send: base64 (×4/3) plus headers stay under 2008 R2's 150 KB MaxEnvelopeSize. */
    static final int SEND_CHUNK = 96 * 1024;
    /** How long the Signal and Delete of the clean-up may take each. */
    static final Duration CLEANUP = Duration.ofSeconds(10);

    private final WsmanClient client;
    private final String commandLine;
    private final WsmanClient.InFlight receiving = new WsmanClient.InFlight();
    private final WsmanClient.InFlight sending = new WsmanClient.InFlight();
    private volatile String shellId;
    private volatile String commandId;
    private volatile boolean aborted;
    private volatile int timedOutReceives;

    public WsmanCommand(WsmanClient client, String commandLine) {
        this.client = client;
        this.commandLine = commandLine;
    }

    /** Receives that WinRM answered with TimedOut and were sent again (for logs and tests). */
    public int timedOutReceives() {
        return timedOutReceives;
    }

    /**
     * Runs the command to its end and returns its exit code; output goes to {@code stdout} and {@code stderr} as it
     * arrives. {@code stdin} (may be null) is streamed to the command on {@code sender} and closed at its end.
     * Throws {@link WsmanException} on a fault or transport failure, or when {@code deadline} passes.
     */
    public int execute(InputStream stdin, OutputStream stdout, OutputStream stderr, Deadline deadline,
                       java.util.concurrent.Executor sender) {
        try {
            shellId = createShell(deadline);
            commandId = startCommand(deadline);
            java.util.concurrent.CompletableFuture<Void> feeding = null;
            if (stdin != null) {
                feeding = java.util.concurrent.CompletableFuture.runAsync(() -> feed(stdin, deadline), sender);
                feeding.whenComplete((v, e) -> {
                    if (e != null) {
                        abort(); // a failed Send would leave the command waiting on stdin until the deadline
                    }
                });
            }
            int exit = receiveAll(stdout, stderr, deadline, feeding);
            if (feeding != null) {
                feeding.join();
            }
            return exit;
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            cleanUp();
        }
    }

    /** Stops waiting: aborts the requests in flight; the thread in {@link #execute} then deletes the shell. */
    public void abort() {
        aborted = true;
        receiving.abort();
        sending.abort();
    }

    private String createShell(Deadline deadline) {
        String body = "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>";
        Document d = client.post(envelope(WsmanXml.NS_TRANSFER + "/Create", null,
                List.of(new String[] {"WINRS_NOPROFILE", "FALSE"}, new String[] {"WINRS_CODEPAGE", "437"}), body), shortWait(deadline), receiving);
        for (Element s : WsmanXml.all(d, WsmanXml.NS_WSMAN, "Selector")) {
            if ("ShellId".equals(s.getAttribute("Name"))) {
                return s.getTextContent().trim();
            }
        }
        return WsmanXml.first(d, WsmanXml.NS_SHELL, "ShellId")
                .orElseThrow(() -> new WsmanException(client.url() + ": Create answered without a ShellId", 200, null, 0, null));
    }

    private String startCommand(Deadline deadline) {
        // the whole line in rsp:Command, quoted: cmd.exe /c strips the outer quotes and sees the line as typed
        String body = "<rsp:CommandLine><rsp:Command>" + WsmanXml.esc("\"" + commandLine + "\"") + "</rsp:Command></rsp:CommandLine>";
        Document d = client.post(envelope(WsmanXml.NS_SHELL + "/Command", shellId,
                List.of(new String[] {"WINRS_CONSOLEMODE_STDIN", "TRUE"}, new String[] {"WINRS_SKIP_CMD_SHELL", "FALSE"}), body),
                shortWait(deadline), receiving);
        return WsmanXml.first(d, WsmanXml.NS_SHELL, "CommandId")
                .orElseThrow(() -> new WsmanException(client.url() + ": Command answered without a CommandId", 200, null, 0, null));
    }

    private int receiveAll(OutputStream stdout, OutputStream stderr, Deadline deadline, java.util.concurrent.CompletableFuture<Void> feeding) {
        String body = "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>";
        String request = envelope(WsmanXml.NS_SHELL + "/Receive", shellId, null, body);
        while (true) {
            if (feeding != null && feeding.isCompletedExceptionally()) {
                feeding.join();
            }
            Document d;
            try {
                d = client.post(request, receiveWait(deadline), receiving);
            } catch (WsmanException e) {
                if (e.timedOut() && !aborted && !deadline.passed()) {
                    timedOutReceives++;
                    LOG.debug("{}: Receive timed out (no output yet), asking again", client.url());
                    continue;
                }
                throw e;
            }
            try {
                for (Element s : WsmanXml.all(d, WsmanXml.NS_SHELL, "Stream")) {
                    String text = s.getTextContent().trim();
                    if (text.isEmpty()) {
                        continue;
                    }
                    byte[] bytes = Base64.getMimeDecoder().decode(text);
                    ("stderr".equals(s.getAttribute("Name")) ? stderr : stdout).write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Element st : WsmanXml.all(d, WsmanXml.NS_SHELL, "CommandState")) {
                if (st.getAttribute("State").endsWith("/Done")) {
                    String code = WsmanXml.first(st, WsmanXml.NS_SHELL, "ExitCode").orElse("-1");
                    try {
                        return (int) Long.parseLong(code);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
    }

    private void feed(InputStream stdin, Deadline deadline) {
        byte[] buf = new byte[SEND_CHUNK];
        byte[] next = new byte[SEND_CHUNK];
        try (stdin) {
            int n = stdin.readNBytes(buf, 0, buf.length);
            while (true) {
                int m = n < buf.length ? 0 : stdin.readNBytes(next, 0, next.length);
                boolean end = m == 0;
                String body = "<rsp:Send><rsp:Stream Name=\"stdin\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "") + ">"
                        + Base64.getEncoder().encodeToString(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n)) + "</rsp:Stream></rsp:Send>";
                client.post(envelope(WsmanXml.NS_SHELL + "/Send", shellId, null, body), shortWait(deadline), sending);
                if (end) {
                    return;
                }
                byte[] t = buf;
                buf = next;
                next = t;
                n = m;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void cleanUp() {
        String shell = shellId;
        if (shell == null) {
            return;
        }
        if (aborted && commandId != null) {
            try {
                String body = "<rsp:Signal CommandId=\"" + commandId + "\"><rsp:Code>" + WsmanXml.NS_SHELL
                        + "/signal/terminate</rsp:Code></rsp:Signal>";
                client.post(envelope(WsmanXml.NS_SHELL + "/Signal", shell, null, body), CLEANUP, null);
            } catch (RuntimeException e) {
                LOG.debug("{}: Signal of an abandoned command failed: {}", client.url(), e.getMessage());
            }
        }
        try {
            client.post(envelope(WsmanXml.NS_TRANSFER + "/Delete", shell, null, null), CLEANUP, null);
        } catch (RuntimeException e) {
            // the machine is gone (crash, reboot) or unreachable: its shells went with it, or WinRM's idle timeout reaps it
            LOG.debug("{}: Delete of shell {} failed: {}", client.url(), shell, e.getMessage());
        }
        shellId = null;
    }

    private String envelope(String action, String shell, List<String[]> options, String body) {
        return WsmanXml.request(client.url(), action, shell, options, client.operationTimeout(), WsmanClient.MAX_ENVELOPE, body);
    }

    /** For Create/Command/Send: answered at once by a live server; the connect timeout and a margin bound it. */
    private Duration shortWait(Deadline deadline) {
        return bounded(deadline, WsmanClient.READ_MARGIN.plus(client.settings().connectTimeout()));
    }

    /** A Receive may be held for the OperationTimeout before its answer. */
    private Duration receiveWait(Deadline deadline) {
        return bounded(deadline, client.settings().operationTimeout().plus(WsmanClient.READ_MARGIN));
    }

    private Duration bounded(Deadline deadline, Duration cap) {
        if (deadline.passed() || aborted) {
            throw new WsmanException(client.url() + ": " + (aborted ? "aborted" : "deadline passed"), 0, null, 0, null);
        }
        return deadline.atMost(cap);
    }
}
