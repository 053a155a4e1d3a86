package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache httpd 2.4 for Windows as the guest runs it: a service whose process (the mpm_winnt parent) starts one child
 * that serves requests on the listening socket both share. Requests are real: the guest's port 80 is a real
 * loopback socket on the controller (a port forward), and every accepted and closed connection is churn on the
 * listener in the guest's {@link TcpStack}.
 *
 * <p>Stopping: the parent tells the child to exit; both close their handles to the listening socket. On a patch
 * level whose enumeration race leaked a reference, AFD waits for tcpip.sys forever: the processes cannot exit (not
 * even under {@code taskkill /f}), the service stays STOP_PENDING with a checkpoint that stops advancing, and after a
 * while AFD logs event 16002.
 */
final class Apache {

    static final String SERVICE_TYPE_BINARY = "-k runservice";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final SimGuest guest;
    private final Map<String, Instance> running = new HashMap<>();

    /** One running service: its real socket and its accept loop. */
    private final class Instance {
        final String service;
        final int port;
        final ServerSocket socket;
        final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sim-httpd");
            t.setDaemon(true);
            return t;
        });
        final Path htdocs;

        Instance(String service, int port, ServerSocket socket, Path htdocs) {
            this.service = service;
            this.port = port;
            this.socket = socket;
            this.htdocs = htdocs;
        }

        void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    try {
                        workers.submit(() -> serve(this, s));
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        Apache.close(s);
                        return;
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            workers.shutdownNow();
        }
    }

    Apache(SimGuest guest) {
        this.guest = guest;
    }

    /** {@code httpd -k install -n NAME}: registers the service (auto start, as Apache's installer does). */
    static void install(GuestState s, String name, String httpdPath) {
        s.services.put(name.toLowerCase(Locale.ROOT), new GuestState.Service(name, name,
                "\"" + httpdPath + "\" -k runservice", true, true));
    }

    /** The port of the first {@code Listen} directive in conf\httpd.conf next to the binary. */
    int listenPort(GuestState.Service svc) {
        Path conf = guest.file(httpdDir(svc) + "\\..\\conf\\httpd.conf");
        try {
            Matcher m = Pattern.compile("(?m)^\\s*Listen\\s+(?:[0-9.]+:)?(\\d+)").matcher(Files.readString(conf, StandardCharsets.ISO_8859_1));
            return m.find() ? Integer.parseInt(m.group(1)) : 80;
        } catch (IOException e) {
            return 80;
        }
    }

    static String httpdDir(GuestState.Service svc) {
        String bin = svc.binaryPath;
        int q = bin.indexOf('"', 1);
        String exe = bin.startsWith("\"") && q > 0 ? bin.substring(1, q) : bin.split(" ")[0];
        return exe.substring(0, exe.lastIndexOf('\\'));
    }

    /** Starts the service (called with the guest locked). Returns false when the binary is missing (error 2). */
    boolean start(GuestState.Service svc) {
        GuestState s = guest.state();
        if (!Files.exists(guest.file(httpdDir(svc) + "\\httpd.exe"))) {
            return false;
        }
        int port = listenPort(svc);
        int parent = s.newPid();
        int child = s.newPid();
        String exe = httpdDir(svc) + "\\httpd.exe";
        s.processes.add(new GuestState.Proc(parent, 492, "httpd.exe", "Services", 0, 12896, "\"" + exe + "\" -k runservice"));
        s.processes.add(new GuestState.Proc(child, parent, "httpd.exe", "Services", 0, 21480, "\"" + exe + "\" -d \"" + httpdDir(svc) + "\\..\" -k runservice"));
        s.tcp.listen("0.0.0.0", port, child);
        svc.stateCode = 2;
        svc.pid = parent;
        svc.checkpoint = 0;
        svc.waitHint = 0x7d0;
        open(svc, port);
        guest.timer().schedule(() -> {
            synchronized (guest.lock()) {
                if (svc.stateCode == 2 && guest.state() == s) {
                    svc.stateCode = 4;
                    svc.waitHint = 0;
                    guest.event("System", "Service Control Manager", 7036, "Information",
                            "The " + svc.displayName + " service entered the running state.");
                }
            }
        }, 300, TimeUnit.MILLISECONDS);
        return true;
    }

    private void open(GuestState.Service svc, int port) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(guest.httpAddress()), guest.httpPort()), 128);
            Instance i = new Instance(svc.name, port, ss, guest.file(httpdDir(svc) + "\\..\\htdocs"));
            running.put(svc.name.toLowerCase(Locale.ROOT), i);
            Thread t = new Thread(i::acceptLoop, "sim-httpd-accept-" + guest.name());
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new IllegalStateException(guest.name() + ": cannot open the forwarded port " + guest.httpAddress() + ":" + guest.httpPort() + ": " + e.getMessage(), e);
        }
    }

    private void serve(Instance i, Socket s) {
        String remote = guest.controllerAddress();
        int remotePort = s.getPort();
        if (!guest.settings(m -> m.firewall.allowsInbound(i.port))) {
            Firewalled.drop(s);
            return;
        }
        TcpStack.Listener l;
        synchronized (guest.lock()) {
            l = guest.state().tcp.find(i.port);
            if (l == null) {
                close(s);
                return;
            }
            guest.state().tcp.accepted(l, guest.guestIp(), remote, remotePort, l.pid, guest.clock().millis());
        }
        try (s) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            String path = head.toString().split(" ").length > 1 ? head.toString().split(" ")[1] : "/";
            Path file = i.htdocs.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            byte[] body;
            String status = "200 OK";
            if (file.startsWith(i.htdocs) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
            } else {
                status = "404 Not Found";
                body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n</body></html>\n"
                        .getBytes(StandardCharsets.US_ASCII);
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 " + status + "\r\nDate: " + HTTP_DATE.format(guest.clock().instant().atZone(ZoneOffset.UTC))
                    + "\r\nServer: Apache/2.4.34 (Win64)\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // client went away: the connection still closes below
        } finally {
            synchronized (guest.lock()) {
                guest.state().tcp.closedByServer(l, remote, remotePort, guest.clock().millis());
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /**
     * {@code sc stop}: STOP_PENDING, then the child and parent close the listening socket. Called with the guest
     * locked; the rest happens on the guest's timer.
     */
    void stop(GuestState.Service svc) {
        GuestState s = guest.state();
        svc.stateCode = 3;
        svc.checkpoint = 1;
        svc.waitHint = 0x7530;
        Instance i = running.remove(svc.name.toLowerCase(Locale.ROOT));
        int port = i != null ? i.port : listenPort(svc);
        guest.timer().schedule(() -> step(svc, s, i, port, 0), 100, TimeUnit.MILLISECONDS);
    }

    private void step(GuestState.Service svc, GuestState s, Instance i, int port, int n) {
        synchronized (guest.lock()) {
            if (guest.state() != s || svc.stateCode != 3) {
                return; // rebooted or restored meanwhile
            }
            if (n == 0) {
                if (i != null) {
                    i.close();
                }
                TcpStack.Listener l = s.tcp.find(port);
                if (l != null && l.leaked() == 0 && l.accepted > 0 && guest.injectedHang().strikes(guest.installedKbs())) {
                    // another driver's hang: the close never gets past the WFP callout, the listener stays
                    markStuck(s, InjectedHang.WFPGUARD);
                    svc.checkpoint++;
                    guest.timer().schedule(() -> stuck(svc, s, 0), 250, TimeUnit.MILLISECONDS);
                    return;
                }
                boolean gone = l == null || s.tcp.closeListener(l);
                if (!gone && l.leaked() == 0) {
                    // an enumeration in flight still holds its reference: AFD waits until it lets go (milliseconds)
                    guest.timer().schedule(() -> awaitRelease(svc, s, i, port, l), 20, TimeUnit.MILLISECONDS);
                    return;
                }
                if (!gone) {
                    // AFD waits for tcpip.sys to drop the leaked reference: forever
                    markStuck(s, InjectedHang.TCPIP);
                    svc.checkpoint++;
                    guest.timer().schedule(() -> stuck(svc, s, 0), 250, TimeUnit.MILLISECONDS);
                    guest.timer().schedule(() -> afdWarning(s, port), guest.afdWarningAfter().toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            }
            if (n < 2) {
                svc.checkpoint++;
                guest.timer().schedule(() -> step(svc, s, i, port, n + 1), 150, TimeUnit.MILLISECONDS);
                return;
            }
            s.processes.removeIf(p -> p.image.equalsIgnoreCase("httpd.exe") && !p.stuck);
            svc.stateCode = 1;
            svc.pid = 0;
            svc.checkpoint = 0;
            svc.waitHint = 0;
            guest.event("System", "Service Control Manager", 7036, "Information",
                    "The " + svc.displayName + " service entered the stopped state.");
        }
    }

    private void awaitRelease(GuestState.Service svc, GuestState s, Instance i, int port, TcpStack.Listener l) {
        synchronized (guest.lock()) {
            if (guest.state() != s || svc.stateCode != 3) {
                return;
            }
            if (!s.tcp.alive(l)) {
                svc.checkpoint++;
                guest.timer().schedule(() -> step(svc, s, i, port, 1), 150, TimeUnit.MILLISECONDS);
                return;
            }
            if (l.leaked() > 0) {
                // the enumeration that held on raced with churn: its reference is never coming back
                markStuck(s, InjectedHang.TCPIP);
                svc.checkpoint++;
                guest.timer().schedule(() -> stuck(svc, s, 0), 250, TimeUnit.MILLISECONDS);
                guest.timer().schedule(() -> afdWarning(s, port), guest.afdWarningAfter().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        guest.timer().schedule(() -> awaitRelease(svc, s, i, port, l), 20, TimeUnit.MILLISECONDS);
    }

    private static void markStuck(GuestState s, String driver) {
        s.processes.stream().filter(p -> p.image.equalsIgnoreCase("httpd.exe")).forEach(p -> {
            p.stuck = true;
            p.stuckIn = driver;
        });
    }

    /** The checkpoint advances a couple of times more while mpm_winnt still believes in progress, then freezes. */
    private void stuck(GuestState.Service svc, GuestState s, int n) {
        synchronized (guest.lock()) {
            if (guest.state() != s || svc.stateCode != 3 || n >= 2) {
                return;
            }
            svc.checkpoint++;
        }
        guest.timer().schedule(() -> stuck(svc, s, n + 1), 250, TimeUnit.MILLISECONDS);
    }

    private void afdWarning(GuestState s, int port) {
        synchronized (guest.lock()) {
            if (guest.state() != s || s.tcp.find(port) == null) {
                return;
            }
            guest.event("System", "AFD", 16002, "Warning", "Closing a TCP socket with local port number " + port
                    + " in process " + s.processes.stream().filter(p -> p.image.equalsIgnoreCase("httpd.exe"))
                    .mapToInt(p -> p.pid).max().orElse(0) + " is taking longer than expected. The local port number may not be"
                    + " available until the close operation is completed. This happens typically because of insufficient nonpaged"
                    + " pool memory in the system.");
        }
    }

    /** Drops every real socket (power off, restore). */
    void closeAll() {
        running.values().forEach(Instance::close);
        running.clear();
    }

    /** After a restore into a running state: serve again for every service that was running. */
    void reopenRunning() {
        for (GuestState.Service svc : guest.state().services.values()) {
            if (svc.apache && svc.stateCode == 4) {
                open(svc, listenPort(svc));
            }
        }
    }
}
