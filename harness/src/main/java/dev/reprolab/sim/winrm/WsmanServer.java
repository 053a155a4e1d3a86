package dev.reprolab.sim.winrm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WinRM endpoint (WS-Management with the Windows shell extension, MS-WSMV) in front of a {@link ShellBackend}:
 * what a Server 2008 R2 guest's WinRM 2.0 service answers on {@code /wsman}. Real clients — Overthere's
 * WINRM_INTERNAL, pywinrm, winrs — talk to it unchanged: Basic auth with a 401 challenge, Create / Command /
 * Receive (long poll, {@code w:TimedOut} fault after the OperationTimeout) / Send / Signal / Delete, output split
 * to fit MaxEnvelopeSize, shells per user, idle shells reaped.
 *
 * <p>{@link #goOffline()} closes the listener and drops every shell, as a reboot does; {@link #goOnline()} listens
 * again on the same port. {@link #faults()} injects transport failures for tests of the harness's deadlines.
 */
public final class WsmanServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WsmanServer.class);

    static {
        // Without TCP_NODELAY every small SOAP reply waits out the client's delayed ACK (~40 ms on Linux):
        // uploads of thousands of 4 KB WS-Man Sends would crawl. IIS/http.sys does not have that stall.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Fault codes Windows puts in {@code WSManFault/@Code}. */
    static final long CODE_TIMED_OUT = 2150858793L;
    static final long CODE_SHELL_NOT_FOUND = 2150858843L;
    /** Shell quota exceeded (MaxShellsPerUser). */
    static final long CODE_SHELL_QUOTA = 2150859174L;
    /** Request larger than MaxEnvelopeSize. */
    static final long CODE_ENVELOPE_TOO_LARGE = 2150858817L;
    static final long CODE_ACTION_NOT_SUPPORTED = 2150858754L;

    /** Room left in an envelope for everything but the base64 stream payload. */
    private static final int ENVELOPE_OVERHEAD = 4096;

    private final WsmanServerBuilder config;
    private final Map<String, WsmanShell> shells = new ConcurrentHashMap<>();
    private final WsmanFaults faults = new WsmanFaults();
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wsman");
        t.setDaemon(true);
        return t;
    });
    private final SslMaterial ssl;
    private volatile HttpServer server;
    private volatile int port;

    WsmanServer(WsmanServerBuilder b) {
        this.config = b;
        this.ssl = b.ssl != null ? b.ssl : b.https ? SslMaterial.selfSigned(b.machine) : null;
    }

    public static WsmanServerBuilder builder() {
        return new WsmanServerBuilder();
    }

    /** Starts listening; returns this. */
    public synchronized WsmanServer start() {
        listen(config.port);
        return this;
    }

    private void listen(int onPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(config.bindAddress, onPort);
            HttpServer s;
            if (ssl != null) {
                HttpsServer https = HttpsServer.create(address, 64);
                SSLContext ctx = ssl.context();
                https.setHttpsConfigurator(new HttpsConfigurator(ctx) {
                    @Override
                    public void configure(HttpsParameters params) {
                        javax.net.ssl.SSLParameters p = ctx.getDefaultSSLParameters();
                        p.setProtocols(config.tlsProtocols.get().toArray(String[]::new));
                        params.setSSLParameters(p);
                    }
                });
                s = https;
            } else {
                s = HttpServer.create(address, 64);
            }
            s.createContext("/wsman", this::handle);
            s.setExecutor(executor);
            s.start();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + config.bindAddress + ":" + onPort + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public boolean https() {
        return ssl != null;
    }

    /** SHA-256 of the endpoint certificate (DER), lower-case hex; empty for HTTP. */
    public Optional<String> certificateSha256() {
        return ssl == null ? Optional.empty() : Optional.of(ssl.sha256());
    }

    /** SHA-1 thumbprint of the endpoint certificate as Windows shows it (upper-case hex); empty for HTTP. */
    public Optional<String> certificateThumbprint() {
        return ssl == null ? Optional.empty() : Optional.of(ssl.thumbprint());
    }

    /** The endpoint's certificate in PEM form (for a client trust store); empty for HTTP. */
    public Optional<String> certificatePem() {
        return ssl == null ? Optional.empty() : Optional.of(ssl.pem());
    }

    public String url() {
        return (ssl != null ? "https" : "http") + "://" + config.bindAddress + ":" + port + "/wsman";
    }

    /** Shells currently open. */
    public int openShells() {
        return shells.size();
    }

    /** Requests served (answered or faulted) since start. */
    public int requests() {
        return requests.get();
    }

    public WsmanFaults faults() {
        return faults;
    }

    /** Closes the listener and drops every shell and its commands, as a reboot or a power-off does. */
    public synchronized void goOffline() {
        HttpServer s = server;
        server = null;
        if (s != null) {
            s.stop(0);
        }
        for (WsmanShell shell : shells.values()) {
            shell.terminateAll();
        }
        shells.clear();
    }

    /** Listens again on the same port. */
    public synchronized void goOnline() {
        if (server == null) {
            listen(port);
        }
    }

    public boolean online() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        goOffline();
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            if (faults.takeDrop()) {
                return; // close without a response: the client sees the connection end
            }
            faults.takeDelay().ifPresent(d -> sleepQuietly(d));
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "");
                return;
            }
            if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                drain(ex.getRequestBody());
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String user = user(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ex.getRequestBody().readAllBytes();
            if (faults.takeServerError()) {
                send(ex, 500, "");
                return;
            }
            Soap.Request req;
            try {
                req = Soap.parse(body);
            } catch (Exception e) {
                send(ex, 500, Soap.fault("", "Sender", "SchemaValidationError", 2150858817L, config.machine,
                        "The WS-Management service cannot process the request because the XML is invalid."));
                return;
            }
            long maxEnvelope = config.maxEnvelopeSizeKb * 1024L;
            if (body.length > maxEnvelope) {
                send(ex, 500, Soap.fault(req.messageId(), "Sender", "EncodingLimit", CODE_ENVELOPE_TOO_LARGE, config.machine,
                        "The WS-Management service cannot process the request because the request packet size exceeded the maximum envelope size."));
                return;
            }
            reapIdle();
            Reply reply = dispatch(req, user);
            send(ex, reply.status(), reply.xml());
        } catch (RuntimeException e) {
            LOG.warn("wsman request failed", e);
        }
    }

    private record Reply(int status, String xml) {
    }

    private Reply dispatch(Soap.Request req, String user) {
        switch (req.action()) {
            case Soap.ACTION_CREATE:
                return create(req, user);
            case Soap.ACTION_COMMAND:
            case Soap.ACTION_RECEIVE:
            case Soap.ACTION_SEND:
            case Soap.ACTION_SIGNAL:
            case Soap.ACTION_DELETE:
                WsmanShell shell = req.shellId().map(shells::get).orElse(null);
                if (shell == null) {
                    return new Reply(500, Soap.fault(req.messageId(), "Sender", "InvalidSelectors", CODE_SHELL_NOT_FOUND, config.machine,
                            "The request for the Windows Remote Shell with ShellId " + req.shellId().orElse("")
                                    + " failed because the shell was not found on the server. Possible causes are: the specified ShellId is incorrect or the shell no longer exists on the server. Provide the correct ShellId or create a new shell and retry the operation."));
                }
                shell.touch();
                return switch (req.action()) {
                    case Soap.ACTION_COMMAND -> command(req, shell);
                    case Soap.ACTION_RECEIVE -> receive(req, shell);
                    case Soap.ACTION_SEND -> sendInput(req, shell);
                    case Soap.ACTION_SIGNAL -> signal(req, shell);
                    default -> delete(req, shell);
                };
            default:
                return new Reply(500, Soap.fault(req.messageId(), "Sender", "ActionNotSupported", CODE_ACTION_NOT_SUPPORTED, config.machine,
                        "The WS-Management service cannot process the request because the action " + req.action() + " is not supported."));
        }
    }

    private Reply create(Soap.Request req, String user) {
        long mine = shells.values().stream().filter(s -> s.user.equalsIgnoreCase(user)).count();
        int quota = config.maxShellsPerUser.getAsInt();
        if (mine >= quota) {
            return new Reply(500, Soap.fault(req.messageId(), "Receiver", "QuotaLimit", CODE_SHELL_QUOTA, config.machine,
                    "The WS-Management service cannot process the request. This user is allowed a maximum number of "
                            + quota + " concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user."));
        }
        int codePage = req.option("WINRS_CODEPAGE").map(Integer::parseInt).orElse(437);
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        shells.put(id, new WsmanShell(id, user, codePage));
        String body = "<x:ResourceCreated><a:Address>" + Soap.esc(url()) + "</a:Address><a:ReferenceParameters><w:ResourceURI>"
                + Soap.RESOURCE_CMD + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"ShellId\">" + id
                + "</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>";
        return new Reply(200, Soap.envelope(Soap.NS_TRANSFER + "/CreateResponse", req.messageId(), body));
    }

    private Reply command(Soap.Request req, WsmanShell shell) {
        Element line = req.body();
        String command = Soap.text(line, Soap.NS_SHELL, "Command").orElse("");
        List<String> args = new ArrayList<>();
        for (Element a : Soap.children(line, Soap.NS_SHELL, "Arguments")) {
            args.add(a.getTextContent());
        }
        boolean skipCmd = req.option("WINRS_SKIP_CMD_SHELL").map("TRUE"::equalsIgnoreCase).orElse(false);
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        RunningCommand rc = config.backend.start(new ShellRequest(command, args, skipCmd, shell.codePage, shell.user, shell.id));
        shell.commands.put(id, new WsmanCommand(rc));
        return new Reply(200, Soap.envelope(Soap.NS_SHELL + "/CommandResponse", req.messageId(),
                "<rsp:CommandResponse><rsp:CommandId>" + id + "</rsp:CommandId></rsp:CommandResponse>"));
    }

    private Reply receive(Soap.Request req, WsmanShell shell) {
        Element desired = Soap.child(req.body(), Soap.NS_SHELL, "DesiredStream").orElse(null);
        String commandId = desired == null ? "" : desired.getAttribute("CommandId");
        WsmanCommand cmd = shell.commands.get(commandId);
        if (cmd == null) {
            return new Reply(500, Soap.fault(req.messageId(), "Sender", "InvalidParameter", 2150858843L, config.machine,
                    "The request for the Windows Remote Shell with ShellId " + shell.id + " failed because the command with CommandId "
                            + commandId + " was not found."));
        }
        Duration wait = operationTimeout(req);
        long envelope = req.maxEnvelopeSize().map(Long::parseLong).orElse(config.maxEnvelopeSizeKb * 1024L);
        int budget = (int) Math.max(1024, (Math.min(envelope, config.maxEnvelopeSizeKb * 1024L) - ENVELOPE_OVERHEAD) / 4 * 3);
        synchronized (cmd) {
            if (cmd.pendingEmpty() && !cmd.done) {
                try {
                    RunningCommand.Output o = cmd.rc.next(wait);
                    cmd.add(o);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (cmd.pendingEmpty() && !cmd.done) {
                    return new Reply(500, Soap.fault(req.messageId(), "Receiver", "TimedOut", CODE_TIMED_OUT, config.machine,
                            "The WS-Management service cannot complete the operation within the time specified in OperationTimeout."));
                }
            } else if (!cmd.done) {
                try {
                    cmd.add(cmd.rc.next(Duration.ZERO));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            StringBuilder b = new StringBuilder("<rsp:ReceiveResponse>");
            byte[] out = cmd.takeStdout(budget);
            byte[] err = cmd.takeStderr(budget - out.length);
            boolean finished = cmd.done && cmd.pendingEmpty();
            stream(b, "stdout", commandId, out, finished);
            stream(b, "stderr", commandId, err, finished);
            if (finished) {
                b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Soap.NS_SHELL)
                        .append("/CommandState/Done\"><rsp:ExitCode>").append(cmd.exitCode).append("</rsp:ExitCode></rsp:CommandState>");
            } else {
                b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Soap.NS_SHELL)
                        .append("/CommandState/Running\"></rsp:CommandState>");
            }
            b.append("</rsp:ReceiveResponse>");
            return new Reply(200, Soap.envelope(Soap.NS_SHELL + "/ReceiveResponse", req.messageId(), b.toString()));
        }
    }

    private static void stream(StringBuilder b, String name, String commandId, byte[] data, boolean end) {
        if (data.length == 0 && !end) {
            return;
        }
        b.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(commandId).append('"');
        if (end && data.length == 0) {
            b.append(" End=\"true\"></rsp:Stream>");
            return;
        }
        b.append('>').append(Base64.getEncoder().encodeToString(data)).append("</rsp:Stream>");
        if (end) {
            b.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(commandId).append("\" End=\"true\"></rsp:Stream>");
        }
    }

    private Duration operationTimeout(Soap.Request req) {
        Duration requested = req.operationTimeout().map(WsmanServer::parseDuration).orElse(config.maxTimeout);
        return requested.compareTo(config.maxTimeout) > 0 ? config.maxTimeout : requested;
    }

    static Duration parseDuration(String iso) {
        try {
            return Duration.parse(iso);
        } catch (RuntimeException e) {
            return Duration.ofSeconds(60);
        }
    }

    private Reply sendInput(Soap.Request req, WsmanShell shell) {
        for (Element s : Soap.children(req.body(), Soap.NS_SHELL, "Stream")) {
            WsmanCommand cmd = shell.commands.get(s.getAttribute("CommandId"));
            if (cmd == null) {
                continue;
            }
            byte[] data = Base64.getMimeDecoder().decode(s.getTextContent().trim());
            cmd.rc.stdin(data, "true".equalsIgnoreCase(s.getAttribute("End")));
        }
        return new Reply(200, Soap.envelope(Soap.NS_SHELL + "/SendResponse", req.messageId(), "<rsp:SendResponse/>"));
    }

    private Reply signal(Soap.Request req, WsmanShell shell) {
        String commandId = req.body().getAttribute("CommandId");
        String code = Soap.text(req.body(), Soap.NS_SHELL, "Code").orElse("");
        WsmanCommand cmd = shell.commands.get(commandId);
        if (cmd != null) {
            if (code.endsWith("/signal/ctrl_c")) {
                cmd.rc.signal(RunningCommand.Signal.CTRL_C);
            } else if (code.endsWith("/signal/ctrl_break")) {
                cmd.rc.signal(RunningCommand.Signal.CTRL_BREAK);
            } else {
                cmd.rc.signal(RunningCommand.Signal.TERMINATE);
                shell.commands.remove(commandId);
            }
        }
        return new Reply(200, Soap.envelope(Soap.NS_SHELL + "/SignalResponse", req.messageId(), "<rsp:SignalResponse/>"));
    }

    private Reply delete(Soap.Request req, WsmanShell shell) {
        shells.remove(shell.id);
        shell.terminateAll();
        return new Reply(200, Soap.envelope(Soap.NS_TRANSFER + "/DeleteResponse", req.messageId(), ""));
    }

    private void reapIdle() {
        Instant cutoff = Instant.now().minus(config.idleTimeout);
        shells.values().removeIf(s -> {
            if (s.lastUsed.isBefore(cutoff)) {
                s.terminateAll();
                return true;
            }
            return false;
        });
    }

    private boolean authorized(String header) {
        Optional<String[]> c = basic(header);
        return c.isPresent() && c.get()[0].equalsIgnoreCase(config.username)
                && MessageDigest.isEqual(c.get()[1].getBytes(StandardCharsets.UTF_8), config.password.getBytes(StandardCharsets.UTF_8));
    }

    private static String user(String header) {
        return basic(header).map(c -> c[0]).orElse("");
    }

    private static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void send(HttpExchange ex, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
        ex.getResponseHeaders().set("Server", "Microsoft-HTTPAPI/2.0");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
