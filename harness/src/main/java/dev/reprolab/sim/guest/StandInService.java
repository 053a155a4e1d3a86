package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated lab's stand-in service ({@code standin-svc.exe -port N}, declared in vm-images/README.md): a
 * listener on a TCP port and nothing else, shaped like SQL Server where the July 2018 regression showed as "TCP
 * port is already in use". It accepts connections and reads until the client closes (no protocol).
 *
 * <p>Stopping, it closes its listening socket and exits without waiting for the close to complete, as SQL Server
 * does: on a patch level whose enumeration race leaked a reference on the listener, the service reaches STOPPED but
 * the listener stays in tcpip.sys's table (netstat still lists it LISTENING under the exited pid). Starting again,
 * its bind fails with WSAEADDRINUSE: it logs "Server TCP provider failed to listen on [ 'any' &lt;ipv4&gt; N]. Tcp
 * port is already in use." in the Application log and stops with a service-specific error (SCM event 7024).
 */
final class StandInService implements ServiceRuntime {

    static final String IMAGE = "standin-svc.exe";
    private static final int WSAEADDRINUSE = 10048;

    private final SimGuest g;
    private final java.util.Map<String, LoopbackListener> sockets = new java.util.HashMap<>();

    StandInService(SimGuest g) {
        this.g = g;
    }

    @Override
    public boolean runs(GuestState.Service svc) {
        return exe(svc).toLowerCase(Locale.ROOT).endsWith("\\" + IMAGE) || exe(svc).equalsIgnoreCase(IMAGE);
    }

    static String exe(GuestState.Service svc) {
        String bin = svc.binaryPath.strip();
        int q = bin.indexOf('"', 1);
        return bin.startsWith("\"") && q > 0 ? bin.substring(1, q) : bin.split("\\s+")[0];
    }

    static int port(GuestState.Service svc) {
        Matcher m = Pattern.compile("(?i)-port\\s+(\\d+)").matcher(svc.binaryPath);
        return m.find() ? Integer.parseInt(m.group(1)) : 1433;
    }

    @Override
    public int start(GuestState.Service svc) {
        if (!Files.isRegularFile(g.file(exe(svc)))) {
            return 2; // ERROR_FILE_NOT_FOUND: the system cannot find the file specified
        }
        GuestState s = g.state();
        int port = port(svc);
        GuestState.Proc p = new GuestState.Proc(s.newPid(), 492, IMAGE, "Services", 0, 5420, svc.binaryPath);
        s.processes.add(p);
        svc.stateCode = 2;
        svc.pid = p.pid;
        svc.checkpoint = 0;
        svc.waitHint = 0x7d0;
        svc.win32ExitCode = 0;
        boolean inUse = s.tcp.find(port) != null;
        if (!inUse) {
            s.tcp.listen("0.0.0.0", port, p.pid);
            LoopbackListener l = LoopbackListener.open(g, port, StandInService::drain, "sim-standin");
            if (l != null) {
                sockets.put(svc.name.toLowerCase(Locale.ROOT), l);
            }
        }
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (g.state() != s || svc.stateCode != 2) {
                    return;
                }
                if (inUse) {
                    g.event("Application", svc.name, 26023, "Error", "Server TCP provider failed to listen on [ 'any' <ipv4> "
                            + port + "]. Tcp port is already in use.");
                    s.processes.remove(p);
                    svc.stateCode = 1;
                    svc.pid = 0;
                    svc.checkpoint = 0;
                    svc.waitHint = 0;
                    svc.win32ExitCode = 1066;
                    g.event("System", "Service Control Manager", 7024, "Error", "The " + svc.displayName + " service terminated"
                            + " with service-specific error Only one usage of each socket address (protocol/network address/port)"
                            + " is normally permitted. (" + WSAEADDRINUSE + ").");
                    return;
                }
                svc.stateCode = 4;
                svc.waitHint = 0;
                g.event("System", "Service Control Manager", 7036, "Information", "The " + svc.displayName + " service entered the running state.");
            }
        }, 300, TimeUnit.MILLISECONDS);
        return 0;
    }

    /** No protocol: read until the client closes; the client closes first. */
    private static boolean drain(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] b = new byte[512];
        while (in.read(b) >= 0) {
            // discard
        }
        return false;
    }

    @Override
    public int stop(GuestState.Service svc) {
        GuestState s = g.state();
        svc.stateCode = 3;
        svc.checkpoint = 1;
        svc.waitHint = 0x2710;
        int port = port(svc);
        int pid = svc.pid;
        LoopbackListener l = sockets.remove(svc.name.toLowerCase(Locale.ROOT));
        if (l != null) {
            l.close();
        }
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (g.state() != s || svc.stateCode != 3) {
                    return;
                }
                ListenerClose.close(g, s, port, () -> svc.stateCode == 3, () -> exit(svc, s, pid), () -> {
                    // closesocket returned; the close completes in the background, which it never will: the process
                    // exits and the listener stays behind
                    ListenerClose.afdWarningLater(g, s, port, pid);
                    exit(svc, s, pid);
                });
            }
        }, 150, TimeUnit.MILLISECONDS);
        return 0;
    }

    private void exit(GuestState.Service svc, GuestState s, int pid) {
        s.processes.removeIf(p -> p.pid == pid);
        svc.stateCode = 1;
        svc.pid = 0;
        svc.checkpoint = 0;
        svc.waitHint = 0;
        g.event("System", "Service Control Manager", 7036, "Information", "The " + svc.displayName + " service entered the stopped state.");
    }

    @Override
    public void closeAll() {
        sockets.values().forEach(LoopbackListener::close);
        sockets.clear();
    }

    @Override
    public void reopenRunning() {
        for (GuestState.Service svc : g.state().services.values()) {
            if (runs(svc) && svc.stateCode == 4) {
                LoopbackListener l = LoopbackListener.open(g, port(svc), StandInService::drain, "sim-standin");
                if (l != null) {
                    sockets.put(svc.name.toLowerCase(Locale.ROOT), l);
                }
            }
        }
    }
}
