package dev.reprolab.sim.guest.tools.ps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * System.Net.WebClient over the guest's HTTP stack: DownloadString, DownloadData, DownloadFile (streamed to disk over
 * a real socket; the file is deleted when the download fails, as .NET does) and UploadFile (a multipart/form-data
 * body around the file, as .NET 2.0–4.0 send it, POST unless another method is named).
 */
final class WebClientObject implements DotNetObject {

    private final Session s;
    private final PsHashtable headers = new PsHashtable();

    WebClientObject(Session s) {
        this.s = s;
    }

    @Override
    public String typeName() {
        return "System.Net.WebClient";
    }

    @Override
    public Object property(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "headers" -> headers;
            case "encoding" -> EncodingObject.named("default");
            case "proxy", "credentials", "baseaddress" -> null;
            case "usedefaultcredentials", "isbusy" -> false;
            default -> NONE;
        };
    }

    @Override
    public boolean setProperty(String name, Object value) {
        return List.of("proxy", "credentials", "usedefaultcredentials", "encoding", "baseaddress")
                .contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Object call(String name, List<Object> a) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "downloadstring" -> {
                return new String(fetch(a), StandardCharsets.UTF_8);
            }
            case "downloaddata" -> {
                return fetch(a);
            }
            case "downloadfile" -> {
                downloadFile(PsConvert.str(a.get(0)), IoStatics.full(s, a.get(1)));
                return PsConvert.VOID;
            }
            case "uploadfile" -> {
                if (a.size() < 2 || a.size() > 3) {
                    FileStreamMembers.arity(name, a, 2);
                }
                return uploadFile(PsConvert.str(a.get(0)), a.size() == 3 ? PsConvert.str(a.get(1)) : "POST",
                        IoStatics.full(s, a.get(a.size() - 1)));
            }
            case "dispose" -> {
                return PsConvert.VOID;
            }
            default -> {
                return NONE;
            }
        }
    }

    private void downloadFile(String url, String path) {
        java.nio.file.Path file;
        try {
            IoStatics.existingParent(s, path);
            file = s.host.file(path);
        } catch (RuntimeException e) {
            throw new NetException("System.Net.WebException", "An exception occurred during a WebClient request.");
        }
        boolean done = false;
        // .NET opens the file (FileMode.Create) before the request, and deletes it when anything fails
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            java.net.HttpURLConnection c = GuestHttp.open(url, "GET", GuestHttp.DEFAULT_TIMEOUT_MS, GuestHttp.DEFAULT_READ_WRITE_TIMEOUT_MS);
            GuestHttp.status(c);
            try (java.io.InputStream in = c.getInputStream()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    s.host.reserveDisk(n);
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("No space left")) {
                    throw new NetException("System.Net.WebException", "An exception occurred during a WebClient request.");
                }
                throw GuestHttp.failure(e, c.getURL().getHost());
            }
            done = true;
        } catch (IOException e) {
            throw new NetException("System.Net.WebException", "An exception occurred during a WebClient request.");
        } finally {
            if (!done) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the error already reported is the one .NET reports
                }
            }
        }
    }

    private byte[] uploadFile(String url, String method, String path) {
        Object type = headers.get("Content-Type");
        String contentType = type == null ? "application/octet-stream" : PsConvert.str(type);
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new NetException("System.Net.WebException", "The Content-Type header cannot be set to a multipart type for this request.");
        }
        java.nio.file.Path file = s.host.file(path);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new NetException("System.Net.WebException", "An exception occurred during a WebClient request.");
        }
        String boundary = "---------------------" + Long.toHexString(System.currentTimeMillis() * 10_000 + 621_355_968_000_000_000L);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        java.net.HttpURLConnection c = GuestHttp.open(url, method.toUpperCase(Locale.ROOT), GuestHttp.DEFAULT_TIMEOUT_MS,
                GuestHttp.DEFAULT_READ_WRITE_TIMEOUT_MS);
        try {
            long size = java.nio.file.Files.size(file);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            c.setFixedLengthStreamingMode(head.length + size + tail.length);
            try (java.io.OutputStream out = c.getOutputStream()) {
                out.write(head);
                java.nio.file.Files.copy(file, out);
                out.write(tail);
            }
        } catch (IOException e) {
            throw GuestHttp.failure(e, c.getURL().getHost());
        }
        GuestHttp.status(c);
        try (java.io.InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw GuestHttp.failure(e, c.getURL().getHost());
        }
    }

    private byte[] fetch(List<Object> a) {
        String url = PsConvert.str(a.get(0));
        try {
            return s.host.httpGet(url);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "Unable to connect to the remote server" : e.getMessage();
            if (e instanceof java.net.ConnectException || msg.contains("Connection refused")) {
                msg = "Unable to connect to the remote server";
            } else if (e instanceof java.net.UnknownHostException) {
                msg = "The remote name could not be resolved: '" + java.net.URI.create(url).getHost() + "'";
            }
            throw new NetException("System.Net.WebException", msg);
        }
    }

    @Override
    public String toString() {
        return typeName();
    }
}
