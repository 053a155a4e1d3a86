package dev.reprolab.lab.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.implementation.ComputeManagementClientBuilder;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.implementation.NetworkManagementClientBuilder;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.azure.resourcemanager.resources.implementation.ResourceManagementClientBuilder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import reactor.core.publisher.Mono;

/**
 * The Azure SDK's management clients for one subscription, on one HTTP pipeline: the SDK's own pipeline (retry
 * honouring {@code Retry-After}, bearer-token authentication, provider registration) over the JDK's HTTP client, with
 * logging of bodies and headers off so no token or password can reach a log. A non-default resource manager endpoint
 * (a sovereign cloud, a private endpoint, the simulated lab) goes into a custom {@link AzureEnvironment}; its
 * certificate may be pinned by SHA-256.
 */
final class AzureClients {

    final ComputeManagementClient compute;
    final NetworkManagementClient network;
    final ResourceManagementClient resources;

    AzureClients(AzureConfig config) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", config.resourceManagerEndpoint());
        AzureEnvironment env = new AzureEnvironment(endpoints);
        AzureProfile profile = new AzureProfile(config.tenantId(), config.subscriptionId(), env);
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        config.resourceManagerCertificateSha256().ifPresent(pin -> jdk.sslContext(pinned(pin)));
        HttpClient http = new JdkHttpClientBuilder(jdk).connectionTimeout(Duration.ofSeconds(30))
                .responseTimeout(Duration.ofSeconds(90)).build();
        TokenCredential credential = credential(config, http);
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null,
                new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), null, null, null, http);
        String endpoint = env.getResourceManagerEndpoint();
        this.compute = new ComputeManagementClientBuilder().pipeline(pipeline).endpoint(endpoint).environment(env)
                .subscriptionId(config.subscriptionId()).defaultPollInterval(config.pollInterval()).buildClient();
        this.network = new NetworkManagementClientBuilder().pipeline(pipeline).endpoint(endpoint).environment(env)
                .subscriptionId(config.subscriptionId()).defaultPollInterval(config.pollInterval()).buildClient();
        this.resources = new ResourceManagementClientBuilder().pipeline(pipeline).endpoint(endpoint).environment(env)
                .subscriptionId(config.subscriptionId()).defaultPollInterval(config.pollInterval()).buildClient();
    }

    private static TokenCredential credential(AzureConfig config, HttpClient http) {
        AzureConfig.CredentialSpec c = config.credential();
        return switch (c.type()) {
            case "clientSecret" -> new ClientSecretCredentialBuilder().tenantId(config.tenantId()).clientId(c.clientId().orElseThrow())
                    .clientSecret(c.secret().orElseThrow().reveal()).httpClient(http).build();
            case "token" -> request -> Mono.just(new AccessToken(c.secret().orElseThrow().reveal(), OffsetDateTime.now().plusHours(1)));
            default -> new DefaultAzureCredentialBuilder().tenantId(config.tenantId()).httpClient(http).build();
        };
    }

    /** TLS that trusts exactly the certificate with this SHA-256 (hex); host names are still verified. */
    static SSLContext pinned(String sha256) {
        String want = sha256.toLowerCase(Locale.ROOT).replace(":", "");
        X509TrustManager tm = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates here");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                    if (!got.equals(want)) {
                        throw new CertificateException("the resource manager's certificate has SHA-256 " + got
                                + ", the lab config pins " + want);
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new CertificateException(e);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
