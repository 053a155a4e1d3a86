package dev.reprolab.remote.wsman;

import javax.net.ssl.SSLException;

/**
 * Recognises the handshake failure of a client that offers TLS 1.2+ meeting a server that speaks TLS 1.0 only —
 * a stock Server 2008 R2 (SChannel has TLS 1.1/1.2 off by default there), which Java 17 refuses by default.
 */
final class TlsVersions {

    /** The cause, in the words the harness prints. */
    static final String LEGACY_ONLY = "the guest speaks only TLS 1.0 (stock Server 2008 R2: TLS 1.2 is off in SChannel"
            + " until the registry enables it and the machine reboots) and Java 17 disables TLS 1.0 — provision the image"
            + " for TLS 1.2 (vm-images/scripts), or set allowTls10: true on the lab config's guest: (or host:) for a legacy lab";

    private TlsVersions() {
    }

    static boolean isProtocolVersionFailure(SSLException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("protocol_version") || m.contains("No appropriate protocol")
                    || m.contains("is not accepted by client preferences") || m.contains("not supported by the client")) {
                return true;
            }
        }
        return false;
    }
}
