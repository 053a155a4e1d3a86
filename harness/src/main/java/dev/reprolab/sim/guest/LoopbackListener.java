package dev.reprolab.sim.guest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real socket behind a guest listener: the guest's port is a loopback port on the controller (a port forward),
 * and every connection accepted and closed on it is churn on the listener in the guest's {@link TcpStack} — the churn
 * that races with netstat's enumeration. What is said on a connection is the service's business ({@link Handler});
 * the accounting is here, for every service but Apache (which keeps its own, older copy of this loop).
 */
final class LoopbackListener {

    /** Serves one accepted connection; returns whether the server closed first (TIME_WAIT on the guest's side). */
    interface Handler {
        boolean serve(Socket s) throws IOException;
    }

    private final SimGuest guest;
    private final int guestPort;
    private final ServerSocket socket;
    private final ExecutorService workers;
    private final Handler handler;

    private LoopbackListener(SimGuest guest, int guestPort, ServerSocket socket, Handler handler, String name) {
        this.guest = guest;
        this.guestPort = guestPort;
        this.socket = socket;
        this.handler = handler;
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the forwarded loopback port of {@code guestPort} and accepts on it. A guest port the lab does not forward
     * cannot be reached from the controller: the listener exists in the guest only (returns null).
     */
    static LoopbackListener open(SimGuest guest, int guestPort, Handler handler, String name) {
        int loopback = guest.loopbackPort(guestPort);
        if (loopback <= 0) {
            return null;
        }
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(guest.httpAddress()), loopback), 128);
            LoopbackListener l = new LoopbackListener(guest, guestPort, ss, handler, name + "-" + guest.name());
            Thread t = new Thread(l::acceptLoop, name + "-accept-" + guest.name());
            t.setDaemon(true);
            t.start();
            return l;
        } catch (IOException e) {
            throw new IllegalStateException(guest.name() + ": cannot open the forwarded port " + guest.httpAddress() + ":"
                    + loopback + " for guest port " + guestPort + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                try {
                    workers.submit(() -> serve(s));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    close(s);
                    return;
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        String remote = guest.controllerAddress();
        int remotePort = s.getPort();
        if (!guest.settings(m -> m.firewall.allowsInbound(guestPort))) {
            Firewalled.drop(s);
            return;
        }
        TcpStack.Listener l;
        synchronized (guest.lock()) {
            l = guest.state().tcp.find(guestPort);
            if (l == null) {
                close(s);
                return;
            }
            guest.state().tcp.accepted(l, guest.guestIp(), remote, remotePort, l.pid, guest.clock().millis());
        }
        boolean serverFirst = false;
        try (s) {
            s.setSoTimeout(5000);
            serverFirst = handler.serve(s);
        } catch (IOException e) {
            // the client went away: the connection still closes below
        } finally {
            synchronized (guest.lock()) {
                if (serverFirst) {
                    guest.state().tcp.closedByServer(l, remote, remotePort, guest.clock().millis());
                } else {
                    guest.state().tcp.closedByClient(l, remote, remotePort);
                }
            }
        }
    }

    /** Stops accepting: the forwarded port refuses from now on. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        workers.shutdownNow();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
