package dev.reprolab.trial;

import dev.reprolab.workload.Installer;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.remote.Guest;
import dev.reprolab.workload.Workload;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Installs the workloads that are not Apache on a freshly restored base: IIS 7.5 through ServerManager or DISM
 * (the same role either way), or a service as the scenario describes it (its files uploaded, then its install steps).
 * Afterwards the service must be known to the Service Control Manager: a workload that installs nothing sc can find
 * fails here, naming what is missing, instead of in every trial.
 */
public final class WorkloadInstaller {

    /** ServerManager's module needs PowerShell 2.0 run as the administrator; it exists on 2008 R2 without any install. */
    public static final String ADD_WEB_SERVER = "Import-Module ServerManager\r\n"
            + "$r = Add-WindowsFeature Web-Server\r\n"
            + "$r | Format-Table -AutoSize | Out-String -Width 200\r\n"
            + "if (-not $r.Success) { exit 1 }\r\n";
    static final String DISM_WEB_SERVER = "dism /online /enable-feature /featurename:IIS-WebServerRole /norestart";

    private final String vm;
    private final Guest guest;
    private final Duration commandDeadline;
    private final TransferPolicy transfers;
    private final Consumer<String> progress;
    private final StepRunner steps;

    WorkloadInstaller(String vm, Guest guest, Duration commandDeadline, TransferPolicy transfers, Consumer<String> progress,
                      StepRunner steps) {
        this.vm = vm;
        this.guest = guest;
        this.commandDeadline = commandDeadline;
        this.transfers = transfers;
        this.progress = progress;
        this.steps = steps;
    }

    void install(Workload w) {
        if (w instanceof Workload.Iis iis) {
            installIis(iis);
        } else if (w instanceof Workload.Service s) {
            installService(s);
        } else {
            throw new IllegalArgumentException("not installed here: " + w.kind());
        }
        CommandResult q = guest.run("sc query " + w.serviceName(), commandDeadline);
        if (q.exitCode() != 0) {
            throw new LabException(vm + ": after installing the " + w.kind() + " workload, sc does not know the service '"
                    + w.serviceName() + "' (" + StopCycle.lastLine(q.stdout() + q.stderr()) + ")");
        }
    }

    private void installIis(Workload.Iis iis) {
        progress.accept("install IIS (" + (iis.installer() == Installer.DISM ? DISM_WEB_SERVER : "Add-WindowsFeature Web-Server") + ")");
        CommandResult r = guest.run(iis.installer() == Installer.DISM ? DISM_WEB_SERVER : StepRunner.powershell(ADD_WEB_SERVER),
                commandDeadline.multipliedBy(10));
        // DISM: 3010 = success, restart required
        if (r.exitCode() != 0 && r.exitCode() != PatchSetPreparer.REBOOT_REQUIRED) {
            throw new LabException(vm + ": installing IIS failed (exit " + r.exitCode() + "): "
                    + (r.stderr().isBlank() ? StopCycle.lastLine(r.stdout()) : r.stderr().strip()));
        }
        if (iis.port() != 80) {
            CommandResult b = guest.run("%windir%\\system32\\inetsrv\\appcmd set site \"Default Web Site\" /bindings:http/*:"
                    + iis.port() + ":", commandDeadline);
            if (b.exitCode() != 0) {
                throw new LabException(vm + ": appcmd could not bind the Default Web Site to port " + iis.port() + ": "
                        + StopCycle.lastLine(b.stdout() + b.stderr()));
            }
        }
    }

    private void installService(Workload.Service s) {
        TreeSet<String> dirs = new TreeSet<>();
        s.files().forEach(f -> dirs.add(f.to().substring(0, Math.max(2, f.to().lastIndexOf('\\')))));
        for (String d : dirs) {
            guest.run("if not exist \"" + d + "\" mkdir \"" + d + "\"", commandDeadline);
        }
        for (Workload.Upload f : s.files()) {
            progress.accept("upload " + f.from().getFileName() + " to " + f.to());
            guest.upload(f.from(), f.to(), transfers);
        }
        progress.accept("install service " + s.serviceName() + " (" + s.install().size() + " steps)");
        for (StepResult r : steps.runAll(s.install(), Optional.empty())) {
            if (r.failed()) {
                throw new StepFailedException(r, "installing service " + s.serviceName() + " on " + vm);
            }
        }
    }
}
