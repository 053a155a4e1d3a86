package dev.reprolab.sim.guest;

import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service-control programs beyond sc: {@code net start|stop NAME} (which waits for the service, as net.exe
 * does), and IIS's {@code iisreset} and {@code appcmd} — the last two exist only once the Web-Server role is
 * installed, like their files.
 */
final class IisPrograms {

    private IisPrograms() {
    }

    static List<GuestProgram> all() {
        return List.of(CorePrograms.program(List.of("net", "net.exe"), IisPrograms::net),
                CorePrograms.program(List.of("iisreset", "iisreset.exe"), IisPrograms::iisreset),
                CorePrograms.program(List.of("appcmd", "appcmd.exe"), IisPrograms::appcmd));
    }

    private static GuestState.Service service(SimGuest g, String name) {
        GuestState.Service byName = g.state().services.get(name.toLowerCase(Locale.ROOT));
        return byName != null ? byName : g.state().services.values().stream()
                .filter(s -> s.displayName.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    /**
     * {@code net start NAME} / {@code net stop NAME}: asks the SCM, then waits while the service is pending and its
     * checkpoint moves; a checkpoint that stops moving for the service's wait hint ends the wait with "could not be
     * stopped" (exit 2), as net.exe reports a hung stop.
     */
    static int net(ProgramCall c) throws InterruptedException {
        List<String> a = c.args();
        if (a.size() < 2 || !(a.get(0).equalsIgnoreCase("start") || a.get(0).equalsIgnoreCase("stop"))) {
            c.out("The syntax of this command is:\r\n\r\nNET\r\n    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |\r\n"
                    + "      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |\r\n      STATISTICS | STOP | TIME | USE | USER | VIEW ]\r\n");
            return 1;
        }
        boolean start = a.get(0).equalsIgnoreCase("start");
        String name = String.join(" ", a.subList(1, a.size()));
        SimGuest g = (SimGuest) c.os();
        GuestState.Service svc;
        String display;
        synchronized (g.lock()) {
            svc = service(g, name);
            if (svc == null) {
                c.err("The service name is invalid.\r\n\r\nMore help is available by typing NET HELPMSG 2185.\r\n\r\n");
                return 2;
            }
            display = svc.displayName;
            if (start && svc.stateCode != 1) {
                c.err("The requested service has already been started.\r\n\r\nMore help is available by typing NET HELPMSG 2182.\r\n\r\n");
                return 2;
            }
            if (!start && svc.stateCode == 1) {
                c.err("The " + display + " service is not started.\r\n\r\nMore help is available by typing NET HELPMSG 3521.\r\n\r\n");
                return 2;
            }
            if (!start && svc.stateCode == 3) {
                c.err("The service is not responding to the control function.\r\n\r\nMore help is available by typing NET HELPMSG 2186.\r\n\r\n");
                return 2;
            }
            int error = start ? g.runtimes().start(svc) : g.runtimes().stop(svc);
            if (error == 1051) {
                c.err("The service is not responding to the control function.\r\n\r\nMore help is available by typing NET HELPMSG 2186.\r\n\r\n");
                return 2;
            }
            if (error != 0) {
                c.err("System error " + error + " has occurred.\r\n\r\n" + dev.reprolab.windows.sc.ScMessages.text(error) + "\r\n\r\n");
                return 2;
            }
        }
        c.out("The " + display + " service is " + (start ? "starting" : "stopping"));
        int pending = start ? 2 : 3;
        long lastCheckpoint = -1;
        long still = 0;
        while (true) {
            long cp;
            long hint;
            int state;
            synchronized (g.lock()) {
                state = svc.stateCode;
                cp = svc.checkpoint;
                hint = Math.max(svc.waitHint, 1000);
            }
            if (state != pending) {
                break;
            }
            still = cp == lastCheckpoint ? still + 250 : 0;
            lastCheckpoint = cp;
            if (still > hint) {
                c.out(".\r\nThe " + display + " service could not be " + (start ? "started" : "stopped") + ".\r\n\r\n");
                return 2;
            }
            c.sleep(java.time.Duration.ofMillis(250));
            if (still % 1000 == 0) {
                c.out(".");
            }
        }
        synchronized (g.lock()) {
            boolean ok = start ? svc.stateCode == 4 : svc.stateCode == 1;
            if (ok) {
                c.out(".\r\nThe " + display + " service was " + (start ? "started" : "stopped") + " successfully.\r\n\r\n");
                return 0;
            }
            c.out(".\r\nThe " + display + " service could not be started.\r\n\r\n");
            c.err(svc.win32ExitCode == 1066 ? "A service specific error occurred: 10048.\r\n\r\nMore help is available by typing NET HELPMSG 3547.\r\n\r\n"
                    : "The service did not report an error.\r\n\r\nMore help is available by typing NET HELPMSG 3534.\r\n\r\n");
            return 2;
        }
    }

    /**
     * {@code iisreset /stop|/start|/restart|/status [/timeout:N] [/noforce]}: stops W3SVC, then WAS, waiting up to the
     * timeout (60 s for a stop by default); a stop that does not finish is forced by killing the processes, which
     * cannot end a process stuck in the kernel.
     */
    static int iisreset(ProgramCall c) throws InterruptedException {
        SimGuest g = (SimGuest) c.os();
        if (!Files.exists(g.file("C:\\Windows\\System32\\iisreset.exe"))) {
            c.err("'iisreset' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
            return 9009;
        }
        List<String> a = c.args().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        int timeout = a.stream().filter(x -> x.startsWith("/timeout:")).map(x -> Integer.parseInt(x.substring(9))).findFirst().orElse(60);
        boolean stop = a.contains("/stop") || a.contains("/restart") || a.isEmpty();
        boolean startAfter = a.contains("/start") || a.contains("/restart") || a.isEmpty();
        if (a.contains("/status")) {
            synchronized (g.lock()) {
                for (String n : new String[] {"was", "w3svc"}) {
                    GuestState.Service s = g.state().services.get(n);
                    c.out("Status for " + s.displayName + " ( " + s.name + " ) : " + (s.stateCode == 4 ? "Running" : s.stateCode == 1 ? "Stopped" : "Stop pending") + "\r\n");
                }
            }
            return 0;
        }
        if (stop) {
            c.out("\r\nAttempting stop...\r\n");
            if (!stopAndWait(c, g, "w3svc", timeout) || !stopAndWait(c, g, "was", timeout)) {
                c.out("Stop attempt failed.\r\n");
                return 1;
            }
            c.out("Internet services successfully stopped\r\n");
        }
        if (startAfter) {
            c.out("Attempting start...\r\n");
            synchronized (g.lock()) {
                g.runtimes().start(g.state().services.get("w3svc"));
            }
            c.out("Internet services successfully " + (stop ? "restarted" : "started") + "\r\n");
        }
        return 0;
    }

    private static boolean stopAndWait(ProgramCall c, SimGuest g, String name, int timeoutSeconds) throws InterruptedException {
        GuestState.Service svc;
        synchronized (g.lock()) {
            svc = g.state().services.get(name);
            if (svc.stateCode == 4 || svc.stateCode == 2) {
                g.runtimes().stop(svc);
            }
        }
        boolean stopped = Poll.every(java.time.Duration.ofMillis(250)).within(Deadline.in(java.time.Duration.ofSeconds(timeoutSeconds)), d -> {
            synchronized (g.lock()) {
                return svc.stateCode == 1 ? Poll.Attempt.done(true) : Poll.Attempt.notYet("state " + svc.stateCode);
            }
        }).isPresent();
        if (stopped) {
            return true;
        }
        synchronized (g.lock()) {
            // the forced part: terminate the service's process; a process stuck in the kernel does not go
            GuestState.Proc p = g.state().process(svc.pid);
            if (p != null && !p.stuck) {
                g.state().processes.remove(p);
                svc.stateCode = 1;
                svc.pid = 0;
                return true;
            }
            return svc.stateCode == 1;
        }
    }

    /** {@code appcmd list site|apppool|wp} and {@code appcmd set site NAME /bindings:http/*:PORT:}. */
    static int appcmd(ProgramCall c) {
        SimGuest g = (SimGuest) c.os();
        if (!Files.exists(g.file(Iis.INETSRV + "\\appcmd.exe"))) {
            c.err("The system cannot find the path specified.\r\n");
            return 3;
        }
        List<String> a = c.args();
        String verb = a.isEmpty() ? "" : a.get(0).toLowerCase(Locale.ROOT);
        String object = a.size() > 1 ? a.get(1).toLowerCase(Locale.ROOT) : "";
        synchronized (g.lock()) {
            GuestState.Service w3svc = g.state().services.get("w3svc");
            boolean started = w3svc != null && w3svc.stateCode == 4;
            int port = g.runtimes().iis().port();
            switch (verb + " " + object) {
                case "list site", "list sites" -> {
                    c.out("SITE \"Default Web Site\" (id:1,bindings:http/*:" + port + ":,state:" + (started ? "Started" : "Stopped") + ")\r\n");
                    return 0;
                }
                case "list apppool", "list apppools" -> {
                    c.out("APPPOOL \"DefaultAppPool\" (MgdVersion:v2.0,MgdMode:Integrated,state:Started)\r\n");
                    return 0;
                }
                case "list wp", "list wps" -> {
                    g.state().processes.stream().filter(p -> p.image.equalsIgnoreCase("w3wp.exe"))
                            .forEach(p -> c.out("WP \"" + p.pid + "\" (applicationPool:DefaultAppPool)\r\n"));
                    return 0;
                }
                case "set site" -> {
                    Matcher m = Pattern.compile("(?i)/bindings:http/\\*:(\\d+):").matcher(c.rawArguments());
                    if (a.size() < 3 || !a.get(2).equalsIgnoreCase("Default Web Site") || !m.find()) {
                        c.out("ERROR ( message:Cannot find SITE object with identifier \"" + (a.size() > 2 ? a.get(2) : "") + "\". )\r\n");
                        return 1168;
                    }
                    try {
                        String conf = Files.readString(g.file(Iis.CONFIG));
                        Files.writeString(g.file(Iis.CONFIG), conf.replaceFirst("bindingInformation=\"\\*:\\d+:\"",
                                "bindingInformation=\"*:" + m.group(1) + ":\""));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    c.out("SITE object \"Default Web Site\" changed\r\n");
                    return 0;
                }
                default -> {
                    c.out("ERROR ( message:Unknown object type \"" + object + "\". )\r\n");
                    return 1;
                }
            }
        }
    }
}
