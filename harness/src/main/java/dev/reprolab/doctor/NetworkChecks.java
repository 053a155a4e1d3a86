package dev.reprolab.doctor;

import dev.reprolab.remote.FileChannel;
import dev.reprolab.windows.netstat.TcpState;
import dev.reprolab.remote.AdminShareProbe;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.netstat.NetstatRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What reaches the guest: port 80 free and let in, TLS 1.2 for WinRM over HTTPS, C$ for the SMB file channel. */
final class NetworkChecks {

    private NetworkChecks() {
    }

    static List<GuestCheck> all() {
        return List.of(new PortFree(), new FirewallOpen(), new Tls12(), new AdminShare(), new HttpFileServerReachable());
    }

    static String firewallRule(int port) {
        return "netsh advfirewall firewall add rule name=\"Apache HTTP (" + port + ")\" dir=in action=allow protocol=TCP localport=" + port
                + " (vm-images/scripts/02-firewall.ps1)";
    }

    /** Before Apache is installed nothing may hold its port, or httpd cannot bind and every trial fails to start. */
    static final class PortFree implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            boolean installed = g.run("sc query " + o.apacheService()).exitCode() == 0;
            CommandResult r = g.run("netstat -ano -p tcp");
            List<NetstatRow> holders = NetstatParser.parse(r.stdout()).stream()
                    .filter(row -> row.localPort() == o.apachePort() && row.state() == TcpState.LISTENING).toList();
            if (installed) {
                return List.of(Finding.warn(g.name(), "the " + o.apacheService() + " service already exists in the base state",
                        "take the '" + o.baseCheckpoint() + "' checkpoint before Apache is installed (the harness installs it per patch set)"));
            }
            if (!holders.isEmpty()) {
                return List.of(Finding.fail(g.name(), "port " + o.apachePort() + " is already taken (PID " + holders.get(0).pid()
                        + (holders.get(0).pid() != null && holders.get(0).pid() == 4 ? ", HTTP.sys: IIS or another http.sys listener" : "") + ")",
                        "stop and disable what listens there (IIS: iisreset /stop & sc config W3SVC start= disabled; "
                                + "others: tasklist /fi \"PID eq " + holders.get(0).pid() + "\"), then retake the checkpoint"));
            }
            return List.of(Finding.ok(g.name(), "port " + o.apachePort() + " free"));
        }
    }

    /**
     * The load generator connects from the controller, so the port must be let in; the run adds that rule itself
     * (netsh advfirewall) when it installs the workload, so here it is enough that the firewall can be managed.
     */
    static final class FirewallOpen implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            CommandResult state = g.run("netsh advfirewall show allprofiles state");
            if (state.exitCode() != 0) {
                return List.of(Finding.fail(g.name(), "netsh advfirewall does not answer (" + (state.stdout() + state.stderr()).strip()
                        + "): the run cannot open port " + o.apachePort(), "sc config MpsSvc start= auto & net start MpsSvc"));
            }
            if (state.stdout().lines().anyMatch(l -> l.startsWith("State") && l.strip().endsWith("OFF"))) {
                return List.of(Finding.ok(g.name(), "firewall off in a profile: port " + o.apachePort() + " reachable"));
            }
            CommandResult rules = g.run("netsh advfirewall firewall show rule name=all dir=in");
            if (opens(rules.stdout(), o.apachePort())) {
                return List.of(Finding.ok(g.name(), "firewall lets TCP " + o.apachePort() + " in"));
            }
            return List.of(Finding.ok(g.name(), "firewall manageable; the run opens TCP " + o.apachePort() + " when it installs the workload"));
        }

        /** Whether a listed rule is an enabled inbound allow for TCP on the port. */
        static boolean opens(String listing, int port) {
            for (String block : listing.split("\r?\nRule Name:")) {
                String b = block.replace("\r", "");
                if (field(b, "Enabled").equalsIgnoreCase("Yes") && field(b, "Direction").equalsIgnoreCase("In")
                        && field(b, "Action").equalsIgnoreCase("Allow")
                        && (field(b, "Protocol").equalsIgnoreCase("TCP") || field(b, "Protocol").equalsIgnoreCase("Any"))
                        && portMatches(field(b, "LocalPort"), port)) {
                    return true;
                }
            }
            return false;
        }

        private static String field(String block, String name) {
            return block.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse("");
        }

        private static boolean portMatches(String ports, int port) {
            if (ports.equalsIgnoreCase("Any")) {
                return true;
            }
            for (String p : ports.split(",")) {
                String s = p.strip();
                try {
                    int dash = s.indexOf('-');
                    if (dash > 0 ? port >= Integer.parseInt(s.substring(0, dash)) && port <= Integer.parseInt(s.substring(dash + 1))
                            : port == Integer.parseInt(s)) {
                        return true;
                    }
                } catch (NumberFormatException ignored) {
                    // RPC and other keywords
                }
            }
            return false;
        }
    }

    /** 2008 R2 ships TLS 1.2 disabled for SChannel; today's Java clients will not speak TLS 1.0 to WinRM over HTTPS. */
    static final class Tls12 implements GuestCheck {
        static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server";

        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (!g.address().https()) {
                return List.of(Finding.ok(g.name(), "TLS 1.2 not needed (WinRM over HTTP)"));
            }
            long enabled = g.regDword(KEY, "Enabled").orElse(0L);
            long disabledByDefault = g.regDword(KEY, "DisabledByDefault").orElse(1L);
            if (enabled == 0 || disabledByDefault != 0) {
                return List.of(Finding.fail(g.name(), "TLS 1.2 is not enabled for SChannel's server side (2008 R2 ships it off)",
                        "reg add \"" + KEY + "\" /v Enabled /t REG_DWORD /d 1 /f & reg add \"" + KEY
                                + "\" /v DisabledByDefault /t REG_DWORD /d 0 /f, then reboot (vm-images/scripts/06-policies.ps1)"));
            }
            return List.of(Finding.ok(g.name(), "TLS 1.2 enabled for SChannel"));
        }
    }

    /** The SMB file channel copies through C$; a local account other than the built-in Administrator needs the token policy. */
    static final class AdminShare implements GuestCheck {
        static final String POLICY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";

        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (o.fileChannel() != FileChannel.SMB) {
                return List.of();
            }
            List<Finding> out = new ArrayList<>();
            boolean builtIn = g.address().credentials().username().replaceFirst("^.*\\\\", "").equalsIgnoreCase("Administrator");
            if (!builtIn && g.regDword(POLICY, "LocalAccountTokenFilterPolicy").orElse(0L) != 1) {
                out.add(Finding.fail(g.name(), "LocalAccountTokenFilterPolicy is not 1: C$ refuses a local administrator other than the built-in one",
                        "reg add " + POLICY + " /v LocalAccountTokenFilterPolicy /t REG_DWORD /d 1 /f (vm-images/scripts/06-policies.ps1)"));
            }
            if (!(g.guest() instanceof WinRmGuest w)) {
                return out;
            }
            Optional<String> problem = AdminShareProbe.problem(w, Duration.ofSeconds(30));
            if (problem.isPresent()) {
                out.add(Finding.fail(g.name(), "C$ is not reachable on " + w.address().host() + ":" + w.address().reachablePort(445)
                        + " (" + problem.get() + ")", "allow File and Printer Sharing: netsh advfirewall firewall set rule "
                        + "group=\"File and Printer Sharing\" new enable=yes, and let TCP 445 through from the controller; or use lab.fileChannel: winrm"));
            } else {
                out.add(Finding.ok(g.name(), "C$ reachable over SMB"));
            }
            return out;
        }
    }

    /** The HTTP file channel needs the guest to reach the controller: one small file fetched and hash-checked says so. */
    static final class HttpFileServerReachable implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (o.fileChannel() != FileChannel.HTTP || !(g.guest() instanceof WinRmGuest w)) {
                return List.of();
            }
            String remote = "C:\\Windows\\Temp\\reprolab-http-check.bin";
            try {
                java.nio.file.Path f = java.nio.file.Files.createTempFile("reprolab-http-check", ".bin");
                try {
                    byte[] b = new byte[64 * 1024];
                    new java.util.Random(1).nextBytes(b);
                    java.nio.file.Files.write(f, b);
                    w.upload(f, remote, new dev.reprolab.remote.TransferPolicy(dev.reprolab.remote.FileChannel.HTTP, o.deadline(),
                            dev.reprolab.remote.TransferPolicy.DEFAULT_MIN_RATE, o.fileServer()));
                    w.run("del /q " + remote, o.deadline());
                } finally {
                    java.nio.file.Files.deleteIfExists(f);
                }
            } catch (dev.reprolab.remote.LabException e) {
                return List.of(Finding.fail(g.name(), "cannot fetch from the controller's HTTP file server: " + e.getMessage(),
                        "let the guest reach the controller (outbound TCP to the file server's port; lab.fileServer.port fixes one), set "
                                + "lab.fileServer.address to the controller's address as the guests see it (and bind: 0.0.0.0 behind NAT); "
                                + "or use lab.fileChannel: winrm"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(Finding.ok(g.name(), "fetches from the controller's HTTP file server (64 KB, SHA-256 checked)"));
        }
    }
}
