package dev.reprolab.doctor;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.windows.wmi.WmiTime;
import dev.reprolab.windows.hotfix.HotFix;
import dev.reprolab.windows.hotfix.QfeParser;
import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The guest's software and state: PowerShell 2.0, the VC++ runtime, the base patch level, reboots, updates, clock. */
final class SystemChecks {

    private SystemChecks() {
    }

    static List<GuestCheck> all() {
        return List.of(new PowerShell(), new VcRuntime(), new PatchLevel(), new RebootPending(), new WindowsUpdate(), new GuestClock());
    }

    /** The file channel and the netstat poller are PowerShell 2.0 scripts. */
    static final class PowerShell implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Optional<String> v = g.reg("HKLM\\SOFTWARE\\Microsoft\\PowerShell\\1\\PowerShellEngine", "PowerShellVersion");
            if (v.isEmpty()) {
                return List.of(Finding.fail(g.name(), "Windows PowerShell is not installed",
                        "install the Windows PowerShell feature: ocsetup MicrosoftWindowsPowerShell (it ships with 2008 R2)"));
            }
            return List.of(Finding.ok(g.name(), "PowerShell " + v.get()));
        }
    }

    /** Apache Lounge's VC15+ builds need vcruntime140.dll. */
    static final class VcRuntime implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Optional<String> v = g.fileVersion("C:\\Windows\\System32\\vcruntime140.dll");
            if (v.isEmpty()) {
                return List.of(Finding.fail(g.name(), "the Visual C++ 2015-2022 x64 runtime (vcruntime140.dll) that Apache needs is not installed",
                        "download vc_redist.x64.exe from Microsoft and run vm-images/scripts/05-vcredist.ps1 -Installer PATH"));
            }
            return List.of(Finding.ok(g.name(), "Visual C++ runtime " + (v.get().isEmpty() ? "present" : v.get())));
        }
    }

    /** The base checkpoint's updates and tcpip.sys against the catalog: a base that already regresses hides the bug's onset. */
    static final class PatchLevel implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            CommandResult r = g.run("wmic qfe get HotFixID,InstalledOn");
            List<String> kbs = new ArrayList<>();
            if (!(r.stdout() + r.stderr()).contains("No Instance(s) Available")) {
                if (r.exitCode() != 0 || !r.stdout().contains("HotFixID")) {
                    return List.of(Finding.fail(g.name(), "wmic qfe failed (exit " + r.exitCode() + ")", "lab exec " + g.name() + " -- wmic qfe"));
                }
                QfeParser.parse(r.stdout()).stream().map(HotFix::hotFixId).forEach(kbs::add);
            }
            Catalog c = o.catalog();
            String tcpip = g.fileVersion("C:\\Windows\\System32\\drivers\\tcpip.sys").orElse("unknown");
            List<String> regressing = kbs.stream().filter(k -> c.update(k).map(u -> u.regression() == Catalog.Regression.INTRODUCES).orElse(false)).toList();
            if (c.carriesRegression(kbs)) {
                return List.of(Finding.fail(g.name(), "the base image already regresses: " + String.join(", ", regressing)
                        + " installed (tcpip.sys " + tcpip + ")", "rebuild '" + o.baseCheckpoint() + "' from an earlier level "
                        + "(vm-images/README.md: nothing from July 2018 onward) or uninstall: wusa /uninstall /kb:"
                        + regressing.get(0).substring(2) + " /quiet /norestart, reboot, retake the checkpoint"));
            }
            boolean regressingDriver = c.updates().stream().anyMatch(u -> u.regression() == Catalog.Regression.INTRODUCES
                    && u.tcpipVersion().equals(tcpip)) && c.updates().stream().noneMatch(u -> u.regression() == Catalog.Regression.FIXES
                    && u.tcpipVersion().equals(tcpip));
            if (regressingDriver) {
                return List.of(Finding.fail(g.name(), "tcpip.sys " + tcpip + " is the regressing build though no regressing update is listed",
                        "rebuild '" + o.baseCheckpoint() + "' from an earlier level"));
            }
            List<String> known = kbs.stream().filter(k -> c.update(k).isPresent()).toList();
            return List.of(Finding.ok(g.name(), "base level: " + kbs.size() + " update(s)" + (known.isEmpty() ? "" : ", catalog's " + known)
                    + ", tcpip.sys " + tcpip + ", no regression"));
        }
    }

    /** A pending reboot makes the first patch set's reboot count and its verification lie. */
    static final class RebootPending implements GuestCheck {
        static final String CBS = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";
        static final String WU = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
        static final String SM = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager";

        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            List<String> why = new ArrayList<>();
            if (g.regKeyExists(CBS)) {
                why.add("Component Based Servicing\\RebootPending");
            }
            if (g.regKeyExists(WU)) {
                why.add("WindowsUpdate\\Auto Update\\RebootRequired");
            }
            if (g.reg(SM, "PendingFileRenameOperations").isPresent()) {
                why.add("Session Manager\\PendingFileRenameOperations");
            }
            if (!why.isEmpty()) {
                return List.of(Finding.fail(g.name(), "a reboot is pending (" + String.join(", ", why) + ")",
                        "shutdown /r /t 0, then retake the '" + o.baseCheckpoint() + "' checkpoint"));
            }
            return List.of(Finding.ok(g.name(), "no reboot pending"));
        }
    }

    /** Automatic Updates set to install (AUOptions 4) changes the patch level under a run. */
    static final class WindowsUpdate implements GuestCheck {
        static final String POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
        static final String LOCAL = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update";
        static final String FIX = "reg add \"" + POLICY + "\" /v NoAutoUpdate /t REG_DWORD /d 1 /f (vm-images/scripts/06-policies.ps1)";

        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (g.regDword(POLICY, "NoAutoUpdate").orElse(0L) == 1) {
                return List.of(Finding.ok(g.name(), "Windows Update: automatic updates off by policy"));
            }
            Optional<Long> policy = g.regDword(POLICY, "AUOptions");
            long options = policy.or(() -> g.regDword(LOCAL, "AUOptions")).orElse(0L);
            if (options == 4) {
                return List.of(Finding.fail(g.name(), "Windows Update installs updates by itself (AUOptions 4"
                        + (policy.isPresent() ? ", by policy" : "") + ")", FIX));
            }
            if (options == 0) {
                return List.of(Finding.warn(g.name(), "Windows Update is not configured (setup asks at first logon)", FIX));
            }
            return List.of(Finding.ok(g.name(), "Windows Update: AUOptions " + options + " (never installs by itself)"));
        }
    }

    /** Timelines of guest and controller are compared; Hyper-V time sync keeps guests within a second. */
    static final class GuestClock implements GuestCheck {
        /**
         * How long a guest behind the controller is given to be stepped: a VM resumed from a memory checkpoint (which
         * doctor's restore may just have done) runs on from the checkpoint's time until time sync steps it, seconds later.
         */
        static final Duration TIME_SYNC_GRACE = Duration.ofSeconds(15);

        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Deadline grace = Deadline.in(TIME_SYNC_GRACE);
            Finding[] behind = new Finding[1];
            Poll.Step<Finding> look = d -> {
                Optional<Duration[]> m = measure(g);
                if (m.isEmpty()) {
                    return Poll.Attempt.done(Finding.fail(g.name(), "cannot read the guest clock", "lab exec " + g.name() + " -- wmic os get LocalDateTime /value"));
                }
                Duration skew = m.get()[0];
                Duration off = m.get()[1];
                String shown = (skew.isNegative() ? "-" : "+") + String.format("%.1f s", skew.abs().toMillis() / 1000.0);
                if (off.compareTo(o.clockTolerance()) <= 0) {
                    return Poll.Attempt.done(Finding.ok(g.name(), "clock " + shown + " from the controller's"));
                }
                Finding wrong = Finding.fail(g.name(), "the guest clock is " + shown + " off the controller's",
                        "enable Hyper-V time synchronization (Integration Services) or w32tm /config /manualpeerlist:NTP /syncfromflags:manual /update "
                                + "& w32tm /resync, then retake the checkpoint");
                // only a guest behind may be waiting for time sync to step it; the last look at the deadline decides
                if (!skew.isNegative()) {
                    return Poll.Attempt.done(wrong);
                }
                behind[0] = wrong;
                return Poll.Attempt.notYet(shown);
            };
            try {
                return List.of(Poll.every(Duration.ofSeconds(1)).within(grace, look).orElseGet(() -> behind[0]));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of(Finding.fail(g.name(), "interrupted while reading the guest clock", "run lab doctor again"));
            }
        }

        /** The guest clock's skew and how far it is off beyond the reading's half round trip. */
        private static Optional<Duration[]> measure(GuestProbe g) {
            Instant before = Instant.now();
            CommandResult r = g.runFresh("wmic os get LocalDateTime /value");
            Instant after = Instant.now();
            Optional<Instant> guest = r.stdout().lines().map(String::strip).filter(l -> l.startsWith("LocalDateTime="))
                    .findFirst().map(l -> {
                        try {
                            return WmiTime.parse(l.substring("LocalDateTime=".length()));
                        } catch (RuntimeException e) {
                            return null;
                        }
                    });
            if (guest.isEmpty()) {
                return Optional.empty();
            }
            Duration rtt = Duration.between(before, after);
            Instant mid = before.plus(rtt.dividedBy(2));
            Duration skew = Duration.between(mid, guest.get());
            return Optional.of(new Duration[] {skew, skew.abs().minus(rtt.dividedBy(2))});
        }
    }
}
