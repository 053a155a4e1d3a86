package dev.reprolab.sim.guest.tools.ps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** System.Net.WebClient over the guest's HTTP stack: DownloadString, DownloadData, DownloadFile. */
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
                byte[] b = fetch(a);
                String p = IoStatics.full(s, a.get(1));
                try {
                    IoStatics.existingParent(s, p);
                    s.host.reserveDisk(b.length);
                    java.nio.file.Files.write(s.host.file(p), b);
                } catch (IOException e) {
                    throw new NetException("System.Net.WebException", "An exception occurred during a WebClient request.");
                }
                return PsConvert.VOID;
            }
            case "dispose" -> {
                return PsConvert.VOID;
            }
            default -> {
                return NONE;
            }
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
