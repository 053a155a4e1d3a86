package dev.reprolab.sim.guest;

import java.util.concurrent.TimeUnit;

/**
 * Closing a listening socket the way AFD and tcpip.sys do it, for the services modelled after Apache: the owner's
 * reference goes; if an enumeration still holds one, AFD waits for it (milliseconds); if the enumeration raced with
 * churn on a leaky patch level, its reference is never released and the close never completes. What the service
 * does about that (hang in STOP_PENDING like httpd and W3SVC, or exit and leave the listener behind like SQL Server)
 * is the caller's: {@code closed} or {@code leaked} runs once, with the guest locked.
 */
final class ListenerClose {

    private ListenerClose() {
    }

    /** Call with the guest locked. {@code stillWanted} is checked before each later step (a restore or reboot ends it). */
    static void close(SimGuest g, GuestState s, int port, java.util.function.BooleanSupplier stillWanted, Runnable closed,
                      Runnable leaked) {
        TcpStack.Listener l = s.tcp.find(port);
        if (l == null || s.tcp.closeListener(l)) {
            closed.run();
            return;
        }
        if (l.leaked() > 0) {
            leaked.run();
            return;
        }
        g.timer().schedule(() -> awaitRelease(g, s, l, stillWanted, closed, leaked), 20, TimeUnit.MILLISECONDS);
    }

    private static void awaitRelease(SimGuest g, GuestState s, TcpStack.Listener l, java.util.function.BooleanSupplier stillWanted,
                                     Runnable closed, Runnable leaked) {
        synchronized (g.lock()) {
            if (g.state() != s || !stillWanted.getAsBoolean()) {
                return;
            }
            if (!s.tcp.alive(l)) {
                closed.run();
                return;
            }
            if (l.leaked() > 0) {
                leaked.run();
                return;
            }
        }
        g.timer().schedule(() -> awaitRelease(g, s, l, stillWanted, closed, leaked), 20, TimeUnit.MILLISECONDS);
    }

    /** AFD's event 16002 after a while, if the listener is still there. */
    static void afdWarningLater(SimGuest g, GuestState s, int port, int pid) {
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (g.state() != s || s.tcp.find(port) == null) {
                    return;
                }
                g.event("System", "AFD", 16002, "Warning", "Closing a TCP socket with local port number " + port
                        + " in process " + pid + " is taking longer than expected. The local port number may not be"
                        + " available until the close operation is completed. This happens typically because of insufficient"
                        + " nonpaged pool memory in the system.");
            }
        }, g.afdWarningAfter().toMillis(), TimeUnit.MILLISECONDS);
    }
}
