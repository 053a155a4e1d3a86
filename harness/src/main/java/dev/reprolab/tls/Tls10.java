package dev.reprolab.tls;

import java.nio.ByteBuffer;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * TLS 1.0 in this JVM, which Java 17 lists in {@code jdk.tls.disabledAlgorithms}. That list is JDK-wide and read once,
 * when the first TLS context of the process is made; a connection's own {@code SSLParameters} cannot lift it (the
 * JDK checks its list on top of any per-connection constraints). So TLS 1.0 is re-enabled for the process with
 * {@link Security#setProperty}, before any TLS is used, and each connection then chooses its own protocols
 * explicitly: the harness's WinRM client offers TLS 1.2+ unless the lab config opts in for that endpoint, and the
 * simulated 2008 R2 guests offer what their SChannel registry keys say.
 */
public final class Tls10 {

    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    /** What a connection offers when its endpoint must speak TLS 1.2 or newer. */
    public static final List<String> MODERN = List.of("TLSv1.3", "TLSv1.2");
    /** What it offers for a legacy endpoint allowed TLS 1.0. */
    public static final List<String> LEGACY = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    private static boolean usable;

    private Tls10() {
    }

    /**
     * Lets connections of this process choose TLS 1.0 and 1.1. Fails with the reason when TLS was already in use
     * before (the JDK keeps the list it read then): start the JVM with
     * {@code -Djava.security.properties=FILE} naming a {@code jdk.tls.disabledAlgorithms} without them.
     */
    public static synchronized void allowInJvm() {
        if (usable) {
            return;
        }
        String list = Security.getProperty(PROPERTY);
        if (list != null) {
            String kept = Arrays.stream(list.split(",")).map(String::strip)
                    .filter(a -> !a.equalsIgnoreCase("TLSv1") && !a.equalsIgnoreCase("TLSv1.1"))
                    .collect(Collectors.joining(", "));
            if (!kept.equals(list)) {
                Security.setProperty(PROPERTY, kept);
            }
        }
        if (!handshakeStarts()) {
            throw new IllegalStateException("TLS 1.0 stays disabled in this JVM: TLS was in use before it was re-enabled,"
                    + " and Java reads " + PROPERTY + " once; start Java with -Djava.security.properties=FILE where FILE sets "
                    + PROPERTY + " without TLSv1 and TLSv1.1");
        }
        usable = true;
    }

    /** Whether a client limited to TLS 1.0 gets as far as its ClientHello (the JDK refuses before sending it). */
    private static boolean handshakeStarts() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            SSLEngine e = ctx.createSSLEngine("probe", 443);
            e.setUseClientMode(true);
            e.setEnabledProtocols(new String[] {"TLSv1"});
            e.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
            e.wrap(ByteBuffer.allocate(0), out);
            return out.position() > 0;
        } catch (SSLException ex) {
            return false;
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("no TLS in this JVM: " + ex.getMessage(), ex);
        }
    }
}
