package dev.reprolab.remote.wsman;

import dev.reprolab.remote.Secret;
import dev.reprolab.remote.SecretMasker;
import dev.reprolab.tls.Tls10;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The HTTP side of WS-Management for one endpoint: Basic auth, connect and socket timeouts on every request,
 * kept-alive connections, and for HTTPS the certificate pin checked inside the handshake of the very connection that
 * then carries the password (a separate probe connection could be answered by another server than the one that gets
 * the credentials).
 *
 * <p>Why our own client instead of Overthere's: Overthere 5.3.2 turns the {@code w:TimedOut} fault that WinRM answers
 * to a Receive after the OperationTimeout into an HTTP 500 error inside its own output thread, so every command
 * silent for over a minute (a dism of a rollup) fails; its WinRmClient is package-private and rebuilt per request, so
 * neither a wrapper (which could only re-run the whole command) nor a subclass can retry one Receive, and a patched
 * copy of the class would shadow Overthere's package. It also opens a new connection per message, sends stdin 1 KB
 * per request, sets no socket timeout, and can leave the shell behind when Signal fails. Overthere remains the
 * reference client the simulated endpoint is tested against.
 */
public final class WsmanClient implements AutoCloseable {

    /**
     * How to reach and talk to one endpoint.
     *
     * @param url e.g. {@code http://10.0.0.5:5985/wsman}
     * @param pinSha256 for HTTPS: the SHA-256 (hex) the endpoint's certificate must have; empty = PKIX trust and
     *                  host-name check
     * @param operationTimeout the OperationTimeout sent with each request (WinRM caps it at MaxTimeoutms)
     * @param connectTimeout how long a TCP connect may take
     * @param allowTls10 offer TLS 1.0/1.1 too (a legacy endpoint the lab config opted in); otherwise TLS 1.2+ only
     */
    public record Settings(URI url, String username, Secret password, Optional<String> pinSha256,
                           Duration operationTimeout, Duration connectTimeout, boolean allowTls10) {
        public Settings(URI url, String username, Secret password, Optional<String> pinSha256,
                        Duration operationTimeout, Duration connectTimeout) {
            this(url, username, password, pinSha256, operationTimeout, connectTimeout, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WsmanClient.class);

    /** How much longer than the OperationTimeout a socket read may wait before the machine is taken for gone. */
    static final Duration READ_MARGIN = Duration.ofSeconds(30);
    /** 2008 R2's MaxEnvelopeSizekb default (150 KB). */
    static final int MAX_ENVELOPE = 153_600;

    private final Settings settings;
    private final CloseableHttpClient http;
    private final String authorization;
    private final String operationTimeout;
    /** What the pinning trust manager saw, so a mismatch is reported with both hashes. */
    private final AtomicReference<String> presented = new AtomicReference<>();

    public WsmanClient(Settings settings) {
        this.settings = settings;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password().reveal()).getBytes(StandardCharsets.UTF_8));
        this.operationTimeout = iso(settings.operationTimeout());
        var registry = RegistryBuilder.<ConnectionSocketFactory>create().register("http", PlainConnectionSocketFactory.getSocketFactory());
        if ("https".equalsIgnoreCase(settings.url().getScheme())) {
            registry.register("https", tls());
        }
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(registry.build());
        pool.setDefaultMaxPerRoute(8);
        pool.setMaxTotal(8);
        // a guest that rebooted, was restored or reaped an idle connection has closed it: check each kept-alive
        // connection before reusing it (a millisecond's read on a live one) rather than send into a dead one
        pool.setValidateAfterInactivity(1);
        this.http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().disableRedirectHandling()
                .disableCookieManagement().disableContentCompression().setUserAgent("Microsoft WinRM Client").build();
    }

    public Settings settings() {
        return settings;
    }

    String url() {
        return settings.url().toString();
    }

    String operationTimeout() {
        return operationTimeout;
    }

    static String iso(Duration d) {
        return String.format(Locale.ROOT, "PT%d.%03dS", d.toSeconds(), d.toMillisPart());
    }

    private SSLConnectionSocketFactory tls() {
        // the protocols are chosen here, per endpoint, not left to the JVM's defaults: TLS 1.0 may be allowed in the
        // process (the simulated lab, another endpoint's opt-in) without this endpoint having asked for it
        String[] protocols = (settings.allowTls10() ? Tls10.LEGACY : Tls10.MODERN).toArray(String[]::new);
        if (settings.allowTls10()) {
            Tls10.allowInJvm();
            LOG.warn("WinRM to {}: TLS 1.0 allowed by the lab config (allowTls10: true): a legacy guest's weaker protocol;"
                    + " enable TLS 1.2 in its SChannel registry keys and reboot it instead where you can", settings.url().getHost());
        }
        try {
            if (settings.pinSha256().isPresent()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new Pinning(settings.pinSha256().get(), presented)}, null);
                // the pin names the exact certificate: a host-name check would add nothing but self-signed trouble
                return new SSLConnectionSocketFactory(ctx, protocols, null, NoopHostnameVerifier.INSTANCE);
            }
            return new SSLConnectionSocketFactory(SSLContext.getDefault(), protocols, null, new DefaultHostnameVerifier());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    /** The in-flight request of a caller, so another thread can abort it (a deadline, an interrupt). */
    public static final class InFlight {
        private volatile HttpPost post;
        private volatile boolean aborted;

        public void abort() {
            aborted = true;
            HttpPost p = post;
            if (p != null) {
                p.abort();
            }
        }

        boolean aborted() {
            return aborted;
        }
    }

    /**
     * Posts one envelope and returns the answer's document; a fault, a non-200 status or a transport failure is a
     * {@link WsmanException}. {@code readTimeout} bounds the wait for the answer.
     */
    Document post(String envelope, Duration readTimeout, InFlight inFlight) {
        HttpPost post = new HttpPost(settings.url());
        int connectMs = (int) Math.max(1, Math.min(settings.connectTimeout().toMillis(), readTimeout.toMillis()));
        post.setConfig(RequestConfig.custom().setConnectTimeout(connectMs).setConnectionRequestTimeout(connectMs)
                .setSocketTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis())))
                .setAuthenticationEnabled(false).build());
        post.setHeader("Authorization", authorization);
        post.setEntity(new ByteArrayEntity(envelope.getBytes(StandardCharsets.UTF_8), ContentType.create("application/soap+xml", StandardCharsets.UTF_8)));
        if (inFlight != null) {
            if (inFlight.aborted()) {
                throw new WsmanException(url() + ": request aborted", 0, null, 0, null);
            }
            inFlight.post = post;
        }
        try (CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            Document doc = null;
            if (body.length > 0) {
                try {
                    doc = WsmanXml.parse(body);
                } catch (Exception e) {
                    if (status == 200) {
                        throw new WsmanException(url() + ": unreadable WS-Man answer: " + e.getMessage(), status, null, 0, e);
                    }
                }
            }
            if (status == 200 && doc != null) {
                return doc;
            }
            Optional<WsmanXml.Fault> fault = doc == null ? Optional.empty() : WsmanXml.fault(doc);
            if (fault.isPresent()) {
                WsmanXml.Fault f = fault.get();
                throw new WsmanException(url() + ": WS-Man fault " + f.subcode() + " (" + f.code() + "): " + f.message(), status, f.subcode(), f.code(), null);
            }
            if (status == 401) {
                throw new WsmanException(url() + ": HTTP 401: the guest refused the credentials of " + settings.username()
                        + " (wrong password, or Basic auth not enabled: winrm set winrm/config/service/auth @{Basic=\"true\"})", status, null, 0, null);
            }
            throw new WsmanException(url() + ": unexpected HTTP response " + status + " " + response.getStatusLine().getReasonPhrase(), status, null, 0, null);
        } catch (WsmanException e) {
            throw e;
        } catch (SSLException e) {
            throw tlsFailure(e);
        } catch (SocketTimeoutException e) {
            throw new WsmanException(url() + ": no answer within " + readTimeout.toSeconds() + " s (socket timeout): the guest may be down", 0, null, 0, e);
        } catch (ConnectException e) {
            throw new WsmanException(url() + ": cannot connect: " + e.getMessage(), 0, null, 0, e);
        } catch (IOException e) {
            String why = inFlight != null && inFlight.aborted() ? "request aborted" : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new WsmanException(url() + ": " + SecretMasker.mask(why), 0, null, 0, e);
        } finally {
            if (inFlight != null) {
                inFlight.post = null;
            }
        }
    }

    /** One line naming why a TLS handshake failed: the pin, the protocol version, or the handshake itself. */
    private WsmanException tlsFailure(SSLException e) {
        String host = settings.url().getHost() + ":" + settings.url().getPort();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PinMismatch) {
                return new WsmanException("the WinRM endpoint " + host + " presented certificate SHA-256 " + presented.get()
                        + ", not the pinned " + settings.pinSha256().orElse("").toLowerCase(Locale.ROOT) + " — refusing to send credentials", 0, null, 0, e);
            }
        }
        String m = String.valueOf(e.getMessage());
        if (TlsVersions.isProtocolVersionFailure(e)) {
            return new WsmanException(host + ": TLS handshake failed: " + TlsVersions.LEGACY_ONLY + " (" + m + ")", 0, null, 0, e);
        }
        return new WsmanException(host + ": TLS handshake failed: " + m, 0, null, 0, e);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // connections of a guest that is gone: nothing to release remotely
        }
    }

    /** Trusts exactly the certificate whose SHA-256 is pinned, checked before any byte of the request is sent. */
    private static final class Pinning implements X509TrustManager {
        private final String pin;
        private final AtomicReference<String> presented;

        Pinning(String pin, AtomicReference<String> presented) {
            this.pin = pin.replace(":", "").strip().toLowerCase(Locale.ROOT);
            this.presented = presented;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new PinMismatch("no certificate");
            }
            String actual;
            try {
                actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            presented.set(actual);
            if (!actual.equals(pin)) {
                throw new PinMismatch("certificate SHA-256 " + actual + " is not the pinned " + pin);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static final class PinMismatch extends CertificateException {
        PinMismatch(String m) {
            super(m);
        }
    }
}
