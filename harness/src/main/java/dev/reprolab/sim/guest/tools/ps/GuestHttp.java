package dev.reprolab.sim.guest.tools.ps;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;

/**
 * The guest's outbound HTTP as .NET 3.5's HttpWebRequest makes it: a real socket to the URL's host (the guest
 * firewall filters inbound connections only, as Windows Firewall's default outbound "allow" does), streamed both ways,
 * and failures reported with the framework's WebException texts, which PowerShell quotes.
 */
final class GuestHttp {

    /** HttpWebRequest.Timeout's default: the wait for the response headers (and the connect). */
    static final int DEFAULT_TIMEOUT_MS = 100_000;
    /** HttpWebRequest.ReadWriteTimeout's default: the wait for each read or write of the body. */
    static final int DEFAULT_READ_WRITE_TIMEOUT_MS = 300_000;

    private GuestHttp() {
    }

    static HttpURLConnection open(String url, String method, int timeoutMs, int readWriteTimeoutMs) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new NetException("System.UriFormatException", "Invalid URI: The format of the URI could not be determined.");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new NetException("System.NotSupportedException", "The URI prefix is not recognized.");
        }
        try {
            URL u = uri.toURL();
            HttpURLConnection c = (HttpURLConnection) u.openConnection(Proxy.NO_PROXY);
            c.setRequestMethod(method);
            c.setUseCaches(false);
            c.setConnectTimeout(timeoutMs);
            c.setReadTimeout(readWriteTimeoutMs);
            c.setRequestProperty("Connection", "Keep-Alive");
            return c;
        } catch (IOException e) {
            throw failure(e, uri.getHost());
        }
    }

    /** The status check HttpWebRequest makes before any body is read: 4xx and 5xx throw. */
    static int status(HttpURLConnection c) {
        try {
            int code = c.getResponseCode();
            if (code >= 400) {
                String reason = c.getResponseMessage() == null ? "" : " " + c.getResponseMessage();
                c.disconnect();
                throw new NetException("System.Net.WebException", "The remote server returned an error: (" + code + ")" + reason + ".");
            }
            return code;
        } catch (IOException e) {
            throw failure(e, c.getURL().getHost());
        }
    }

    /** The WebException text for a transport failure. */
    static NetException failure(IOException e, String host) {
        String msg;
        if (e instanceof ConnectException) {
            msg = "Unable to connect to the remote server";
        } else if (e instanceof UnknownHostException) {
            msg = "The remote name could not be resolved: '" + host + "'";
        } else if (e instanceof SocketTimeoutException) {
            msg = "The operation has timed out";
        } else {
            msg = "The underlying connection was closed: An unexpected error occurred on a receive.";
        }
        return new NetException("System.Net.WebException", msg);
    }
}
