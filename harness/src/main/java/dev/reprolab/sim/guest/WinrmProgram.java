package dev.reprolab.sim.guest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code winrm} (winrm.cmd, WinRM 2.0): {@code get}, {@code set} with {@code @{Name="value";...}},
 * {@code enumerate winrm/config/listener}, {@code create}/{@code delete} of a listener, {@code quickconfig -q};
 * texts as 2008 R2 prints them.
 */
final class WinrmProgram implements GuestProgram {

    private static final Pattern HASH = Pattern.compile("@\\{(.*)}");
    private static final Pattern PAIR = Pattern.compile("\\s*([A-Za-z0-9]+)\\s*=\\s*\"([^\"]*)\"\\s*");
    private static final Pattern LISTENER = Pattern.compile("(?i)winrm/config/listener\\?Address=\\*\\+Transport=(HTTPS?)");

    @Override
    public List<String> names() {
        return List.of("winrm", "winrm.cmd");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        if (a.isEmpty()) {
            c.out("Windows Remote Management Command Line Tool\r\n\r\nType winrm -? for help.\r\n");
            return 0;
        }
        String op = a.get(0).toLowerCase(Locale.ROOT);
        String path = a.size() > 1 ? a.get(1) : "";
        synchronized (SettingsPrograms.lock(c)) {
            MachineSettings m = SettingsPrograms.settings(c);
            return switch (op) {
                case "get", "g" -> get(c, m.winrm, path);
                case "set", "s" -> set(c, m.winrm, path);
                case "enumerate", "e" -> enumerate(c, m, path);
                case "create", "c" -> create(c, m, path);
                case "delete" -> delete(c, m.winrm, path);
                case "quickconfig", "qc" -> quickconfig(c, m);
                default -> fault(c, "The WS-Management service does not support the specified operation.", "-2144108450 0x8033805E");
            };
        }
    }

    private static int get(ProgramCall c, WinRmConfig w, String path) {
        if (!w.isSection(path)) {
            return fault(c, "The WS-Management service cannot process the request. The resource URI is not valid.", "-2144108485 0x8033803B");
        }
        c.out(w.render(path) + "\r\n");
        return 0;
    }

    private static Map<String, String> pairs(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher h = HASH.matcher(raw);
        if (!h.find()) {
            return out;
        }
        for (String part : h.group(1).split(";")) {
            Matcher p = PAIR.matcher(part);
            if (p.matches()) {
                out.put(p.group(1), p.group(2));
            }
        }
        return out;
    }

    private static int set(ProgramCall c, WinRmConfig w, String path) {
        Map<String, String> p = pairs(c.rawArguments());
        if (!w.isSection(path) || p.isEmpty()) {
            return fault(c, "The WS-Management service cannot process the request because the XML is invalid.", "-2144108477 0x80338043");
        }
        WinRmConfig trial = w.copy();
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (!trial.set(path, e.getKey(), e.getValue())) {
                return fault(c, "The WS-Management service cannot process the request because the XML is invalid.", "-2144108477 0x80338043");
            }
        }
        p.forEach((k, v) -> w.set(path, k, v));
        c.out(w.render(path) + "\r\n");
        return 0;
    }

    private static int enumerate(ProgramCall c, MachineSettings m, String path) {
        if (!path.equalsIgnoreCase("winrm/config/listener")) {
            return fault(c, "The WS-Management service cannot process the request. The resource URI is not valid.", "-2144108485 0x8033803B");
        }
        SimGuest g = (SimGuest) c.os();
        StringBuilder b = new StringBuilder();
        for (WinRmConfig.Listener l : m.winrm.listeners()) {
            b.append("Listener\r\n    Address = *\r\n    Transport = ").append(l.transport()).append("\r\n    Port = ").append(l.port())
                    .append("\r\n    Hostname").append(l.hostname().isEmpty() ? "" : " = " + l.hostname())
                    .append("\r\n    Enabled = true\r\n    URLPrefix = wsman\r\n    CertificateThumbprint")
                    .append(l.certificateThumbprint().isEmpty() ? "" : " = " + l.certificateThumbprint())
                    .append("\r\n    ListeningOn = 127.0.0.1, ").append(g.guestIp()).append(", ::1\r\n\r\n");
        }
        c.out(b.toString());
        return 0;
    }

    private static int create(ProgramCall c, MachineSettings m, String path) {
        Matcher l = LISTENER.matcher(path);
        if (!l.matches()) {
            return fault(c, "The WS-Management service cannot process the request. The resource URI is not valid.", "-2144108485 0x8033803B");
        }
        String transport = l.group(1).toUpperCase(Locale.ROOT);
        if (m.winrm.listener(transport).isPresent()) {
            return fault(c, "The WS-Management service cannot create the resource because it already exists.", "-2144108544 0x80338000");
        }
        Map<String, String> p = pairs(c.rawArguments());
        if (transport.equals("HTTPS") && p.getOrDefault("CertificateThumbprint", "").isEmpty()) {
            return fault(c, "The WinRM client cannot process the request. The certificate thumbprint is not specified.", "-2144108315 0x803380E5");
        }
        m.winrm.addListener(new WinRmConfig.Listener(transport, transport.equals("HTTPS") ? 5986 : 5985,
                p.getOrDefault("Hostname", ""), p.getOrDefault("CertificateThumbprint", "")));
        c.out("ResourceCreated\r\n    Address = http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous\r\n"
                + "    ReferenceParameters\r\n        ResourceURI = http://schemas.microsoft.com/wbem/wsman/1/config/listener\r\n"
                + "        SelectorSet\r\n            Selector: Address = *, Transport = " + transport + "\r\n\r\n");
        return 0;
    }

    private static int delete(ProgramCall c, WinRmConfig w, String path) {
        Matcher l = LISTENER.matcher(path);
        if (!l.matches() || !w.removeListener(l.group(1))) {
            return fault(c, "The service cannot find the resource identified by the resource URI and selectors.", "-2144108544 0x80338000");
        }
        return 0;
    }

    private static int quickconfig(ProgramCall c, MachineSettings m) {
        if (m.winrm.listener("HTTP").isPresent()) {
            c.out("WinRM already is set up to receive requests on this machine.\r\nWinRM already is set up for remote management on this machine.\r\n");
            return 0;
        }
        m.winrm.addListener(new WinRmConfig.Listener("HTTP", 5985, "", ""));
        if (!m.firewall.allowsInbound(5985)) {
            m.firewall.add(new Firewall.Rule("Windows Remote Management (HTTP-In)", "In", "Allow", "TCP", "5985", true));
        }
        c.out("WinRM already is set up to receive requests on this machine.\r\nWinRM is not set up to allow remote access to this machine for management.\r\n"
                + "The following changes must be made:\r\n\r\nCreate a WinRM listener on HTTP://* to accept WS-Man requests to any IP on this machine.\r\n"
                + "Enable the WinRM firewall exception.\r\n\r\nWinRM has been updated for remote management.\r\n\r\n"
                + "Created a WinRM listener on HTTP://* to accept WS-Man requests to any IP on this machine.\r\nWinRM firewall exception enabled.\r\n");
        return 0;
    }

    private static int fault(ProgramCall c, String message, String number) {
        c.err("WSManFault\r\n    Message = " + message + "\r\n\r\nError number:  " + number + "\r\n" + message + "\r\n");
        return 1;
    }
}
