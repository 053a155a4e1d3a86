package dev.reprolab.sim.guest;

import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.netstat.TcpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The guest's TCP table with the part of tcpip.sys the case is about: listener reference counts.
 *
 * <p>Every listener holds one reference for its owning socket. An enumeration of the connection table (what netstat
 * and the Network Store Interface service do) takes a reference on each listener for the time it walks the table
 * and releases it at the end. The July 10 2018 tcpip.sys (KB4338818 / KB4338823) mishandles the release when the
 * enumeration races with connection churn on that listener — a connection accepted or closed on it while the
 * enumeration holds the reference: that reference is never released. When the socket is finally closed, AFD waits
 * for the count to drop to zero — which it never does — so the process that closes it cannot exit, its service
 * stays STOP_PENDING, and the listener stays in the table until a reboot (Microsoft's known issues of the July 10 2018
 * updates KB4338818/KB4338823, fixed by KB4345459; the SQL Server and Japan support team blogs describe the same).
 *
 * <p>The race is timing, not a coin flip: an enumeration holds its references for a base time plus a per-row cost
 * (tens of milliseconds on a 2008 R2 VM: the table walk and netstat's owner lookups), and a churn event
 * (accept/close) on the listener during that window is what leaks, and only if the patch level is affected. So the
 * odds of a trial follow from the load's arrival rate and the poll rate: with requests arriving at rate r and
 * enumerations holding for w, one enumeration races with probability about 1 − e^(−r·w), and a trial with n
 * enumerations under load hangs with about 1 − e^(−n·r·w). Busy load (hundreds of requests a second) makes every
 * enumeration race; a light load (a few a second) polled every 5 s makes a hang occasional; no polling never
 * hangs. All methods are synchronized on the stack; copies are deep (checkpoints).
 */
public final class TcpStack {

    /** Windows TcpTimedWaitDelay default: 240 s in TIME_WAIT. */
    static final Duration TIME_WAIT = Duration.ofSeconds(240);

    /** One listener as tcpip.sys keeps it. */
    public static final class Listener {
        final String address;
        final int port;
        int pid;
        int references = 1;
        int leaked;
        boolean closedByOwner;
        int enumerationsInFlight;
        /** When churn happened on it while enumerations were in flight (System.nanoTime), cleared when none is. */
        final java.util.ArrayDeque<Long> churnNanos = new java.util.ArrayDeque<>();
        /** Connections accepted on it (a listener that never served is closed by other code paths than a trial's). */
        int accepted;

        Listener(String address, int port, int pid) {
            this.address = address;
            this.port = port;
            this.pid = pid;
        }

        Listener copy() {
            Listener l = new Listener(address, port, pid);
            l.references = references;
            l.leaked = leaked;
            l.closedByOwner = closedByOwner;
            l.accepted = accepted;
            return l;
        }

        public int references() {
            return references;
        }

        public int leaked() {
            return leaked;
        }
    }

    /** One connection row. */
    static final class Conn {
        final String local;
        final int localPort;
        final String remote;
        final int remotePort;
        TcpState state;
        int pid;
        long since;

        Conn(String local, int localPort, String remote, int remotePort, TcpState state, int pid, long since) {
            this.local = local;
            this.localPort = localPort;
            this.remote = remote;
            this.remotePort = remotePort;
            this.state = state;
            this.pid = pid;
            this.since = since;
        }

        Conn copy() {
            return new Conn(local, localPort, remote, remotePort, state, pid, since);
        }
    }

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Conn> connections = new ArrayList<>();
    private long enumerations;
    private long leaks;

    /** The patch level's behaviour, decided by the installed updates (set at boot). */
    private boolean leaky;
    /** How long an enumeration holds its listener references, before the per-row cost. */
    static final Duration ENUMERATION_BASE = Duration.ofMillis(40);
    static final Duration ENUMERATION_PER_ROW = Duration.ofNanos(20_000);

    private Duration enumerationBase = ENUMERATION_BASE;
    private Duration enumerationPerRow = ENUMERATION_PER_ROW;

    public synchronized TcpStack copy() {
        TcpStack t = new TcpStack();
        listeners.forEach(l -> t.listeners.add(l.copy()));
        connections.forEach(c -> t.connections.add(c.copy()));
        t.enumerations = enumerations;
        t.leaks = leaks;
        t.leaky = leaky;
        t.enumerationBase = enumerationBase;
        t.enumerationPerRow = enumerationPerRow;
        return t;
    }

    synchronized void leaky(boolean leaky) {
        this.leaky = leaky;
    }

    synchronized void timing(Duration base, Duration perRow) {
        this.enumerationBase = base;
        this.enumerationPerRow = perRow;
    }

    public synchronized boolean isLeaky() {
        return leaky;
    }

    /** Opens a listener (bind + listen); returns it. */
    public synchronized Listener listen(String address, int port, int pid) {
        Listener l = new Listener(address, port, pid);
        listeners.add(l);
        return l;
    }

    /** A connection accepted on a listener: churn for any enumeration in flight. */
    public synchronized void accepted(Listener l, String local, String remote, int remotePort, int pid, long nowMillis) {
        connections.add(new Conn(local, l.port, remote, remotePort, TcpState.ESTABLISHED, pid, nowMillis));
        l.accepted++;
        churn(l);
    }

    /** The server closed a connection first (Connection: close): it goes to TIME_WAIT; churn again. */
    public synchronized void closedByServer(Listener l, String remote, int remotePort, long nowMillis) {
        for (Conn c : connections) {
            if (c.localPort == l.port && c.remote.equals(remote) && c.remotePort == remotePort && c.state == TcpState.ESTABLISHED) {
                c.state = TcpState.TIME_WAIT;
                c.pid = 0;
                c.since = nowMillis;
                break;
            }
        }
        churn(l);
    }

    /** The client closed first: the server's side goes through CLOSE_WAIT and is gone (the client keeps TIME_WAIT); churn. */
    public synchronized void closedByClient(Listener l, String remote, int remotePort) {
        connections.removeIf(c -> c.localPort == l.port && c.remote.equals(remote) && c.remotePort == remotePort
                && c.state == TcpState.ESTABLISHED);
        churn(l);
    }

    private void churn(Listener l) {
        if (l.enumerationsInFlight > 0) {
            l.churnNanos.add(System.nanoTime());
        }
    }

    /**
     * The owner closes its listening socket. Returns true if the listener is gone (count reached zero); false if a
     * leaked reference keeps it — then AFD will wait on it forever.
     */
    public synchronized boolean closeListener(Listener l) {
        if (!l.closedByOwner) {
            l.closedByOwner = true;
            l.references--;
        }
        connections.removeIf(c -> c.localPort == l.port && c.state == TcpState.ESTABLISHED);
        if (l.references <= 0) {
            listeners.remove(l);
            return true;
        }
        return false;
    }

    /** The listener on a port, if any (after a restore the runtime finds its listener again this way). */
    public synchronized Listener find(int port) {
        return listeners.stream().filter(l -> l.port == port).findFirst().orElse(null);
    }

    /** Whether the listener still exists (it is listed by netstat until its count reaches zero). */
    public synchronized boolean alive(Listener l) {
        return listeners.contains(l);
    }

    /**
     * One enumeration of the table, the way netstat walks it: references taken, the walk takes real time, then the
     * references are released — except a raced one on a leaky patch level. {@code pause} waits out the walk
     * (the caller's clock) and returns false if the caller was interrupted.
     */
    public List<NetstatRow> enumerate(long nowMillis, PauseFor pause) throws InterruptedException {
        List<Listener> held;
        Duration hold;
        long start;
        synchronized (this) {
            enumerations++;
            expireTimeWait(nowMillis);
            held = new ArrayList<>(listeners);
            for (Listener l : held) {
                l.references++;
                l.enumerationsInFlight++;
            }
            hold = enumerationBase.plus(enumerationPerRow.multipliedBy(listeners.size() + connections.size()));
            start = System.nanoTime();
        }
        try {
            pause.pause(hold);
        } finally {
            synchronized (this) {
                // The race window is the walk's own length, not however long this thread overslept: a controller
                // under CPU load must not make the simulated race easier to lose than the modelled timing says.
                long end = start + hold.toNanos();
                for (Listener l : held) {
                    l.enumerationsInFlight--;
                    boolean raced = l.churnNanos.stream().anyMatch(t -> t >= start && t <= end);
                    if (l.enumerationsInFlight == 0) {
                        l.churnNanos.clear();
                    }
                    if (leaky && raced) {
                        l.leaked++;
                        leaks++;
                    } else {
                        l.references--;
                    }
                    if (l.references <= 0) {
                        listeners.remove(l);
                    }
                }
            }
        }
        return rows();
    }

    /** The rows netstat prints, listeners first (by port), then connections. */
    public synchronized List<NetstatRow> rows() {
        List<NetstatRow> out = new ArrayList<>();
        listeners.stream().sorted((a, b) -> Integer.compare(a.port, b.port))
                .forEach(l -> out.add(NetstatRow.tcp(l.address, l.port, "0.0.0.0", 0, TcpState.LISTENING, l.pid)));
        for (Conn c : connections) {
            out.add(NetstatRow.tcp(c.local, c.localPort, c.remote, c.remotePort, c.state, c.pid));
        }
        return out;
    }

    private void expireTimeWait(long nowMillis) {
        for (Iterator<Conn> it = connections.iterator(); it.hasNext(); ) {
            Conn c = it.next();
            if (c.state == TcpState.TIME_WAIT && nowMillis - c.since > TIME_WAIT.toMillis()) {
                it.remove();
            }
        }
    }

    /** Everything dropped: what a reboot leaves of the table. */
    synchronized void reset() {
        listeners.clear();
        connections.clear();
    }

    /** Adds system listeners (RPC 135, SMB 445, WinRM 5985...) owned by system processes. */
    synchronized void systemListener(int port, int pid) {
        listeners.add(new Listener("0.0.0.0", port, pid));
    }

    /** The listener objects now (copies), for a dump. */
    synchronized List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        listeners.forEach(l -> out.add(l.copy()));
        return out;
    }

    public synchronized long enumerations() {
        return enumerations;
    }

    public synchronized long leaks() {
        return leaks;
    }

    /** Waits out a duration on the caller's clock. */
    @FunctionalInterface
    public interface PauseFor {
        void pause(Duration d) throws InterruptedException;
    }

}
