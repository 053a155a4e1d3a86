package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IIS 7.5 as Server 2008 R2 SP1 runs it, from the moment the Web-Server role is installed (by Add-WindowsFeature or
 * DISM: one {@link WindowsFeatures} model): WAS and W3SVC share {@code svchost.exe -k iissvcs}; the port-80 listener
 * belongs to HTTP.sys in the kernel, so netstat lists it under PID 4 (System); requests are served by a
 * {@code w3wp.exe} worker that WAS starts on the first request; the Default Web Site's binding lives in
 * {@code applicationHost.config} (appcmd changes it).
 *
 * <p>Stopping W3SVC: WAS shuts the worker down and W3SVC asks HTTP.sys to close its listening endpoint. On a patch
 * level whose enumeration race leaked a reference on that listener, the close never completes: W3SVC's stop thread
 * waits in the kernel, the service stays STOP_PENDING ("stopping", Microsoft's words for 2008 R2 SP1 after the July
 * 2018 updates), its svchost cannot be killed, and the listener stays in the table under PID 4 until a reboot.
 */
final class Iis implements ServiceRuntime {

    static final String HOST_COMMAND = "C:\\Windows\\system32\\svchost.exe -k iissvcs";
    static final String INETSRV = "C:\\Windows\\System32\\inetsrv";
    static final String CONFIG = INETSRV + "\\config\\applicationHost.config";
    static final String WWWROOT = "C:\\inetpub\\wwwroot";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** IIS 7's welcome page as it ships (iisstart.htm). */
    static final String IISSTART = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\r\n"
            + "<html xmlns=\"http://www.w3.org/1999/xhtml\">\r\n<head>\r\n"
            + "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\" />\r\n<title>IIS7</title>\r\n"
            + "<style type=\"text/css\">\r\n<!--\r\nbody {\r\n\tcolor:#000000;\r\n\tbackground-color:#B3B3B3;\r\n\tmargin:0;\r\n}\r\n\r\n"
            + "#container {\r\n\tmargin-left:auto;\r\n\tmargin-right:auto;\r\n\ttext-align:center;\r\n\t}\r\n\r\n"
            + "a img {\r\n\tborder:none;\r\n}\r\n\r\n-->\r\n</style>\r\n</head>\r\n<body>\r\n<div id=\"container\">\r\n"
            + "<a href=\"http://go.microsoft.com/fwlink/?linkid=66138&amp;clcid=0x409\"><img src=\"welcome.png\" alt=\"IIS7\" width=\"571\" height=\"411\" /></a>\r\n"
            + "</div>\r\n</body>\r\n</html>";

    private final SimGuest g;
    private LoopbackListener http;

    Iis(SimGuest g) {
        this.g = g;
    }

    /** The role's listener on the guest's feature model: IIS appears when Web-Server is installed. */
    void featureInstalled(WindowsFeatures.Feature f) {
        if (!f.name().equals("Web-Server")) {
            return;
        }
        synchronized (g.lock()) {
            writeFiles();
            GuestState s = g.state();
            s.services.putIfAbsent("was", new GuestState.Service("WAS", "Windows Process Activation Service", HOST_COMMAND, true, false));
            s.services.putIfAbsent("w3svc", new GuestState.Service("W3SVC", "World Wide Web Publishing Service", HOST_COMMAND, true, false));
            // Server Manager starts the role's services once they are installed
            if (g.running() && s.services.get("w3svc").stateCode == 1) {
                start(s.services.get("w3svc"));
            }
        }
    }

    private void writeFiles() {
        try {
            Files.createDirectories(g.file(WWWROOT));
            Files.writeString(g.file(WWWROOT + "\\iisstart.htm"), IISSTART, StandardCharsets.ISO_8859_1);
            Files.writeString(g.file(WWWROOT + "\\welcome.png"), "PNG stand-in: the IIS7 welcome image", StandardCharsets.US_ASCII);
            Files.createDirectories(g.file(INETSRV + "\\config"));
            for (String exe : new String[] {"appcmd.exe", "w3wp.exe", "iisrstas.exe"}) {
                Files.writeString(g.file(INETSRV + "\\" + exe), "IIS 7.5 " + exe, StandardCharsets.US_ASCII);
            }
            Files.writeString(g.file("C:\\Windows\\System32\\iisreset.exe"), "IIS 7.5 iisreset.exe", StandardCharsets.US_ASCII);
            if (!Files.exists(g.file(CONFIG))) {
                Files.writeString(g.file(CONFIG), "<configuration>\r\n  <system.applicationHost>\r\n    <sites>\r\n"
                        + "      <site name=\"Default Web Site\" id=\"1\">\r\n        <application path=\"/\">\r\n"
                        + "          <virtualDirectory path=\"/\" physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />\r\n"
                        + "        </application>\r\n        <bindings>\r\n"
                        + "          <binding protocol=\"http\" bindingInformation=\"*:80:\" />\r\n        </bindings>\r\n"
                        + "      </site>\r\n    </sites>\r\n  </system.applicationHost>\r\n</configuration>\r\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the Web-Server role's files are on the disk (iisreset and appcmd exist only then). */
    boolean installed() {
        return Files.exists(g.file(CONFIG));
    }

    /** The Default Web Site's port, from its http binding. */
    int port() {
        try {
            Matcher m = Pattern.compile("bindingInformation=\"[^:\"]*:(\\d+):").matcher(Files.readString(g.file(CONFIG)));
            return m.find() ? Integer.parseInt(m.group(1)) : 80;
        } catch (IOException e) {
            return 80;
        }
    }

    @Override
    public boolean runs(GuestState.Service svc) {
        return svc.binaryPath.toLowerCase(Locale.ROOT).contains("-k iissvcs");
    }

    private GuestState.Proc host(GuestState s, boolean create) {
        GuestState.Proc p = s.processes.stream().filter(x -> x.commandLine.equalsIgnoreCase(HOST_COMMAND)).findFirst().orElse(null);
        if (p == null && create) {
            p = new GuestState.Proc(s.newPid(), 492, "svchost.exe", "Services", 0, 9812, HOST_COMMAND);
            s.processes.add(p);
        }
        return p;
    }

    @Override
    public int start(GuestState.Service svc) {
        GuestState s = g.state();
        GuestState.Service was = s.services.get("was");
        if (svc.name.equalsIgnoreCase("W3SVC") && was != null && was.stateCode == 1) {
            start(was);
        }
        GuestState.Proc host = host(s, true);
        svc.stateCode = 2;
        svc.pid = host.pid;
        svc.checkpoint = 0;
        svc.waitHint = 0x7d0;
        if (svc.name.equalsIgnoreCase("W3SVC")) {
            int port = port();
            s.tcp.listen("0.0.0.0", port, 4);
            http = LoopbackListener.open(g, port, this::serve, "sim-httpsys");
        }
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (svc.stateCode == 2 && g.state() == s) {
                    svc.stateCode = 4;
                    svc.waitHint = 0;
                    g.event("System", "Service Control Manager", 7036, "Information",
                            "The " + svc.displayName + " service entered the running state.");
                }
            }
        }, svc.name.equalsIgnoreCase("W3SVC") ? 300 : 100, TimeUnit.MILLISECONDS);
        return 0;
    }

    /** One request on HTTP.sys's listener: WAS starts the worker on the first one; the worker answers. */
    private boolean serve(Socket s) throws IOException {
        synchronized (g.lock()) {
            GuestState st = g.state();
            GuestState.Service w3svc = st.services.get("w3svc");
            if (w3svc != null && w3svc.stateCode == 4 && st.processes.stream().noneMatch(p -> p.image.equalsIgnoreCase("w3wp.exe"))) {
                st.processes.add(new GuestState.Proc(st.newPid(), w3svc.pid, "w3wp.exe", "Services", 0, 6120,
                        "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"DefaultAppPool\" -v \"v2.0\" -l \"webengine4.dll\" -a \\\\.\\pipe\\iisipm"
                                + java.util.UUID.nameUUIDFromBytes(g.name().getBytes(StandardCharsets.UTF_8)) + " -h \"C:\\inetpub\\temp\\apppools\\DefaultAppPool.config\""));
            }
        }
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String[] parts = head.toString().split(" ");
        String path = parts.length > 1 ? parts[1] : "/";
        Path root = g.file(WWWROOT);
        Path file = root.resolve(path.equals("/") ? "iisstart.htm" : path.substring(1)).normalize();
        String date = HTTP_DATE.format(g.clock().instant().atZone(ZoneOffset.UTC));
        OutputStream out = s.getOutputStream();
        if (file.startsWith(root) && Files.isRegularFile(file)) {
            byte[] body = Files.readAllBytes(file);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nLast-Modified: Tue, 10 Jul 2018 09:00:00 GMT\r\n"
                    + "Accept-Ranges: bytes\r\nETag: \"9a3f1e1c3f18d41:0\"\r\nServer: Microsoft-IIS/7.5\r\nX-Powered-By: ASP.NET\r\n"
                    + "Date: " + date + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } else {
            byte[] body = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\r\n<html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>"
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nServer: Microsoft-IIS/7.5\r\nX-Powered-By: ASP.NET\r\nDate: "
                    + date + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }
        out.flush();
        return true;
    }

    @Override
    public int stop(GuestState.Service svc) {
        GuestState s = g.state();
        if (svc.name.equalsIgnoreCase("WAS")) {
            GuestState.Service w3svc = s.services.get("w3svc");
            if (w3svc != null && w3svc.stateCode != 1) {
                return 1051;
            }
            stopped(svc);
            GuestState.Proc host = host(s, false);
            if (host != null && !host.stuck) {
                s.processes.remove(host);
            }
            return 0;
        }
        svc.stateCode = 3;
        svc.checkpoint = 1;
        svc.waitHint = 0x4e20;
        int port = port();
        if (http != null) {
            http.close();
            http = null;
        }
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (g.state() != s || svc.stateCode != 3) {
                    return;
                }
                // WAS shuts the worker down; it has no listener of its own and exits
                s.processes.removeIf(p -> p.image.equalsIgnoreCase("w3wp.exe"));
                svc.checkpoint++;
                ListenerClose.close(g, s, port, () -> svc.stateCode == 3, () -> g.timer().schedule(() -> {
                    synchronized (g.lock()) {
                        if (g.state() == s && svc.stateCode == 3) {
                            stopped(svc);
                        }
                    }
                }, 150, TimeUnit.MILLISECONDS), () -> {
                    // W3SVC's stop thread waits in HTTP.sys for the close forever
                    GuestState.Proc host = host(s, false);
                    if (host != null) {
                        host.stuck = true;
                    }
                    advance(svc, s, 0);
                    ListenerClose.afdWarningLater(g, s, port, 4);
                });
            }
        }, 100, TimeUnit.MILLISECONDS);
        return 0;
    }

    private void stopped(GuestState.Service svc) {
        svc.stateCode = 1;
        svc.pid = 0;
        svc.checkpoint = 0;
        svc.waitHint = 0;
        g.event("System", "Service Control Manager", 7036, "Information", "The " + svc.displayName + " service entered the stopped state.");
    }

    /** The checkpoint moves twice more while W3SVC still reports progress, then freezes. */
    private void advance(GuestState.Service svc, GuestState s, int n) {
        if (n >= 2) {
            return;
        }
        g.timer().schedule(() -> {
            synchronized (g.lock()) {
                if (g.state() == s && svc.stateCode == 3) {
                    svc.checkpoint++;
                    advance(svc, s, n + 1);
                }
            }
        }, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public void closeAll() {
        if (http != null) {
            http.close();
            http = null;
        }
    }

    @Override
    public void reopenRunning() {
        GuestState.Service w3svc = g.state().services.get("w3svc");
        if (w3svc != null && w3svc.stateCode == 4) {
            http = LoopbackListener.open(g, port(), this::serve, "sim-httpsys");
        }
    }
}
