package dev.reprolab.sim.winrm;

import dev.reprolab.tls.Tls10;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate a 2008 R2 guest's HTTPS listener would carry after {@code winrm quickconfig
 * -transport:https} with a self-made certificate: CN = the computer name, server-auth EKU, SANs for the loopback
 * names the simulated lab is reached by.
 */
public final class SslMaterial {

    private final SSLContext context;
    private final X509Certificate certificate;

    private SslMaterial(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    static SslMaterial selfSigned(String machine) {
        return selfSigned(machine, java.util.List.of(machine, "localhost"), java.util.List.of("127.0.0.1"));
    }

    /** A self-signed server certificate with CN = {@code commonName} and the given DNS and IP subject alternative names. */
    public static SslMaterial selfSigned(String commonName, java.util.List<String> dnsNames, java.util.List<String> ipAddresses) {
        String machine = commonName;
        prepareJvm();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + machine);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, kp.getPublic());
            java.util.List<GeneralName> sans = new java.util.ArrayList<>();
            dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
            ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "sim".toCharArray();
            ks.setKeyEntry("winrm", kp.getPrivate(), pw, new java.security.cert.Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return new SslMaterial(ctx, cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the endpoint certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Makes this JVM's TLS servers answer like SChannel on Windows up to Server 2019, before the first TLS context is
     * made (the JDK reads both settings once). TLS 1.0 allowed: the listeners play 2008 R2 machines that speak it.
     * TLS 1.3's supported_versions extension ignored: SChannel does not know it and answers a ClientHello by its
     * legacy version, so a TLS 1.0-only guest sends a TLS 1.0 ServerHello (which a Java 17 client refuses, naming
     * the version) instead of failing the handshake without a word as a JDK server would.
     */
    public static void prepareJvm() {
        if (System.getProperty(SERVER_EXTENSIONS) == null) {
            System.setProperty(SERVER_EXTENSIONS, "supported_versions");
        }
        Tls10.allowInJvm();
    }

    private static final String SERVER_EXTENSIONS = "jdk.tls.server.disableExtensions";

    /**
     * A server that speaks TLS 1.2 at most. With supported_versions ignored (see {@link #prepareJvm}) a JDK server
     * that also enabled TLS 1.3 would mark its TLS 1.2 answer as a downgrade, which a TLS 1.3 client rightly refuses.
     */
    public static com.sun.net.httpserver.HttpsConfigurator tls12Only(SSLContext ctx) {
        return new com.sun.net.httpserver.HttpsConfigurator(ctx) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters p = ctx.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.2"});
                params.setSSLParameters(p);
            }
        };
    }

    public SSLContext context() {
        return context;
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-1 of the certificate (DER), upper-case hex: what Windows calls the thumbprint. */
    public String thumbprint() {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
