package dev.reprolab.trial;

import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;
import dev.reprolab.workload.Installer;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.hotfix.HotFix;
import dev.reprolab.windows.hotfix.QfeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.Workload;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a patch set's golden checkpoint on one VM: restore the clean base, install the workload (Apache as a service,
 * IIS, or the scenario's own service), install the exact updates, reboot until nothing is pending, verify what is
 * installed, run the scenario's prepare steps, and checkpoint. Every trial of the patch
 * set then starts from that checkpoint, so no trial pays for installation and none inherits another's state.
 */
public final class PatchSetPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(PatchSetPreparer.class);
    static final String STAGING = "C:\\lab";
    /** Files whose loaded version decides whether the regression is present (a KB can be listed as installed while the old driver is still loaded until the reboot: check the driver, not the KB list). */
    static final List<String> DRIVERS = List.of("tcpip.sys", "afd.sys");
    /** wusa/DISM: success, reboot required. */
    static final int REBOOT_REQUIRED = 3010;
    /** wusa: the update is already installed (0x240006). */
    static final int ALREADY_INSTALLED = 2359302;

    private final LabBackend lab;
    private final String vm;
    private final Guest guest;
    private final Duration commandDeadline;
    private final Duration bootDeadline;
    private final TransferPolicy transfers;
    private final Consumer<String> progress;
    private Consumer<StepResult> stepRecorder = r -> { };

    public PatchSetPreparer(LabBackend lab, String vm, Guest guest, Duration commandDeadline, Duration bootDeadline,
                            TransferPolicy transfers, Consumer<String> progress) {
        this.lab = lab;
        this.vm = vm;
        this.guest = guest;
        this.commandDeadline = commandDeadline;
        this.bootDeadline = bootDeadline;
        this.transfers = transfers;
        this.progress = progress;
    }

    /** What was verified on the guest after preparation. */
    public record Prepared(String checkpoint, List<String> installed, Map<String, String> fileVersions) {
    }

    public Prepared prepare(PatchSetSpec spec, Path scratch) {
        progress.accept("restore " + spec.baseCheckpoint());
        lab.restore(vm, spec.baseCheckpoint(), bootDeadline);
        awaitAnswering();
        Workload w = spec.plan().workload();
        if (w instanceof Workload.Apache a) {
            installApache(a, scratch);
        } else {
            new WorkloadInstaller(vm, guest, commandDeadline, transfers, progress, steps()).install(w);
        }
        WorkloadFirewall.open(guest, vm, w.port(), commandDeadline);
        installUpdates(spec);
        rebootUntilNothingPending();
        List<String> installed = installedHotfixes();
        Set<String> missing = new TreeSet<>(spec.kbs());
        installed.forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw new LabException(vm + ": after installing patch set " + spec.name() + " wmic qfe does not list "
                    + String.join(", ", missing));
        }
        Map<String, String> versions = driverVersions();
        for (StepResult r : steps().runAll(spec.plan().steps().at(Hook.PREPARE), Optional.empty())) {
            if (r.failed()) {
                throw new StepFailedException(r, "preparing " + spec.name() + " on " + vm);
            }
        }
        // the golden state has the service stopped (it starts on boot: httpd -k install makes it automatic)
        CommandResult q = run("sc query " + spec.serviceName());
        if (!q.stdout().contains("STOPPED")) {
            run("sc stop " + spec.serviceName());
            Poll.every(Duration.ofMillis(250)).until(Deadline.in(commandDeadline), d -> run("sc query " + spec.serviceName()).stdout()
                    .contains("STOPPED") ? Poll.Attempt.done(true) : Poll.Attempt.notYet("not stopped"),
                    (end, last) -> new LabException(vm + ": " + spec.serviceName() + (end == Poll.End.INTERRUPTED
                            ? " interrupted while waiting for it to stop" : " did not stop while preparing " + spec.name()
                            + " — the base image may already carry the hang")));
        }
        progress.accept("checkpoint " + spec.goldenCheckpoint());
        lab.checkpoint(vm, spec.goldenCheckpoint(), bootDeadline);
        return new Prepared(spec.goldenCheckpoint(), installed, versions);
    }

    private void awaitAnswering() {
        guest.awaitReconnect(java.time.Instant.EPOCH, bootDeadline);
    }

    private StepRunner steps() {
        return new StepRunner(guest, commandDeadline, stepRecorder);
    }

    /** Where the scenario's prepare (and a service's install) steps report (the journal). */
    public PatchSetPreparer steps(Consumer<StepResult> recorder) {
        this.stepRecorder = recorder;
        return this;
    }

    private void installApache(Workload.Apache spec, Path scratch) {
        progress.accept("install Apache from " + spec.zip().getFileName());
        Path unpacked = scratch.resolve("apache");
        List<ApacheDistribution.Entry> files = ApacheDistribution.unpack(spec.zip(), unpacked);
        Set<String> dirs = new TreeSet<>();
        for (ApacheDistribution.Entry f : files) {
            String remote = ApacheDistribution.guestPath(spec.installRoot(), f);
            dirs.add(remote.substring(0, remote.lastIndexOf('\\')));
        }
        for (String d : dirs) {
            run("if not exist \"" + d + "\" mkdir \"" + d + "\"");
        }
        for (ApacheDistribution.Entry f : files) {
            guest.upload(f.file(), ApacheDistribution.guestPath(spec.installRoot(), f), transfers);
        }
        CommandResult vc = run("if exist C:\\Windows\\System32\\vcruntime140.dll (echo present) else (echo missing)");
        if (!vc.stdout().contains("present")) {
            throw new LabException(vm + ": the Visual C++ 2015-2022 runtime (vcruntime140.dll) is not in the base image;"
                    + " Apache's VC15 build needs it (see vm-images/README.md)");
        }
        String httpd = httpdPath(spec, files);
        CommandResult install = run("\"" + httpd + "\" -k install -n \"" + spec.service() + "\"");
        if (install.exitCode() != 0 || !(install.stdout() + install.stderr()).contains("successfully installed")) {
            throw new LabException(vm + ": httpd -k install failed (exit " + install.exitCode() + "): "
                    + (install.stdout() + install.stderr()).strip());
        }
    }

    private static String httpdPath(Workload.Apache spec, List<ApacheDistribution.Entry> files) {
        return files.stream().filter(f -> f.relativePath().toLowerCase(Locale.ROOT).endsWith("bin/httpd.exe"))
                .map(f -> ApacheDistribution.guestPath(spec.installRoot(), f)).findFirst().orElseThrow();
    }

    private void installUpdates(PatchSetSpec spec) {
        if (spec.kbs().isEmpty()) {
            return;
        }
        run("if not exist " + STAGING + "\\updates mkdir " + STAGING + "\\updates");
        for (int i = 0; i < spec.kbs().size(); i++) {
            String kb = spec.kbs().get(i);
            Path msu = spec.packages().get(i);
            String remoteMsu = STAGING + "\\updates\\" + msu.getFileName();
            progress.accept("install " + kb + " (" + spec.installer() + ")");
            guest.upload(msu, remoteMsu, transfers);
            int exit = spec.installer() == Installer.WUSA_TASK ? new WusaTaskInstaller(guest, vm, commandDeadline).install(kb, remoteMsu) : dism(kb, remoteMsu);
            if (exit != 0 && exit != REBOOT_REQUIRED && exit != ALREADY_INSTALLED) {
                throw new LabException(vm + ": installing " + kb + " failed with exit code " + exit
                        + " (0x" + Integer.toHexString(exit) + ")");
            }
        }
    }

    /** expand the .msu, then DISM the update's own .cab: works inside WinRM, unlike wusa. */
    private int dism(String kb, String remoteMsu) {
        String dir = remoteMsu.substring(0, remoteMsu.length() - 4);
        run("if not exist \"" + dir + "\" mkdir \"" + dir + "\"");
        CommandResult expand = run("expand -f:* \"" + remoteMsu + "\" \"" + dir + "\"");
        if (expand.exitCode() != 0) {
            throw new LabException(vm + ": expand of " + remoteMsu + " failed: " + expand.stdout().strip());
        }
        CommandResult listing = run("dir /b \"" + dir + "\\*.cab\"");
        String cab = listing.stdout().lines().map(String::strip)
                .filter(l -> l.toLowerCase(Locale.ROOT).contains(kb.toLowerCase(Locale.ROOT)) && l.toLowerCase(Locale.ROOT).endsWith(".cab"))
                .findFirst().orElseThrow(() -> new LabException(vm + ": " + remoteMsu + " holds no cab for " + kb));
        return guest.run("dism /online /add-package /packagepath:\"" + dir + "\\" + cab + "\" /quiet /norestart",
                commandDeadline.multipliedBy(20)).exitCode();
    }

    private void rebootUntilNothingPending() {
        for (int round = 0; round < 4; round++) {
            if (!rebootPending()) {
                return;
            }
            progress.accept("reboot (updates pending)");
            var before = guest.bootMark(commandDeadline);
            try {
                guest.run("shutdown /r /t 0", commandDeadline);
            } catch (LabException goneAlready) {
                // the guest may drop the connection as it goes down
            }
            guest.awaitReboot(before, bootDeadline);
        }
        throw new LabException(vm + ": a reboot is still pending after 4 reboots");
    }

    private boolean rebootPending() {
        CommandResult r = guest.run("reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\"",
                commandDeadline);
        return r.exitCode() == 0;
    }

    private List<String> installedHotfixes() {
        CommandResult r = run("wmic qfe get HotFixID,InstalledOn");
        if ((r.stdout() + r.stderr()).contains("No Instance(s) Available")) {
            return new ArrayList<>();
        }
        if (r.exitCode() != 0 || !r.stdout().contains("HotFixID")) {
            throw new LabException(vm + ": wmic qfe failed (exit " + r.exitCode() + "): " + (r.stdout() + r.stderr()).strip());
        }
        return QfeParser.parse(r.stdout()).stream().map(HotFix::hotFixId).collect(Collectors.toCollection(ArrayList::new));
    }

    private Map<String, String> driverVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String d : DRIVERS) {
            CommandResult r = run("wmic datafile where name='C:\\\\Windows\\\\System32\\\\drivers\\\\" + d + "' get Version /value");
            versions.put(d, r.stdout().lines().map(String::strip).filter(l -> l.startsWith("Version="))
                    .map(l -> l.substring("Version=".length())).findFirst().orElse("unknown"));
        }
        return versions;
    }

    private CommandResult run(String command) {
        CommandResult r = guest.run(command, commandDeadline);
        LOG.debug("{}: {} -> {}", vm, command, r.exitCode());
        return r;
    }

    static void ensureDir(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
