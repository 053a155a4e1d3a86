package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A connection Windows Firewall drops: the guest never answers it. Loopback has already completed the TCP handshake
 * by the time the sim sees the connection, so "never answers" is the closest it gets to a dropped SYN: nothing is
 * read into the service, nothing is sent back, and the client's own timeout ends it (a closed port would answer a
 * reset at once, which is not what a firewalled 2008 R2 does).
 */
final class Firewalled {

    /** How long a dropped connection is held before the sim lets go of it (the client has given up long before). */
    static final int HOLD_MS = 30_000;

    private Firewalled() {
    }

    static void drop(Socket s) {
        try (s) {
            s.setSoTimeout(HOLD_MS);
            s.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client gave up (timeout, close): the usual end of a dropped connection
        }
    }
}
