package dev.reprolab.remote;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks that a WinRM HTTPS endpoint presents the certificate the lab pinned (SHA-256 of its DER encoding, as
 * Azure's Run Command output or {@code lab sim serve} reports it) before any credentials are sent to it.
 */
public final class CertificatePin {

    private CertificatePin() {
    }

    public static void check(String host, int port, String expectedSha256, Duration deadline) {
        String actual = fetch(host, port, deadline);
        if (!actual.equalsIgnoreCase(expectedSha256.replace(":", "").strip())) {
            throw new LabException("the WinRM endpoint " + host + ":" + port + " presented certificate SHA-256 " + actual
                    + ", not the pinned " + expectedSha256.toLowerCase(Locale.ROOT) + " — refusing to send credentials");
        }
    }

    /** The SHA-256 (lower-case hex) of the certificate the endpoint presents. */
    public static String fetch(String host, int port, Duration deadline) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAndLook()}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                // what the harness's WinRM client offers: the JVM's own defaults may include TLS 1.0 in this process
                s.setEnabledProtocols(dev.reprolab.tls.Tls10.MODERN.toArray(String[]::new));
                int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, deadline.toMillis()));
                s.connect(new InetSocketAddress(host, port), ms);
                s.setSoTimeout(ms);
                s.startHandshake();
                Certificate[] chain = s.getSession().getPeerCertificates();
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
            }
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException("cannot read the certificate of " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Trusts nothing by itself: the pin comparison after the handshake decides. */
    private static final class AcceptAndLook implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
