package dev.reprolab.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Hyper-V host: reachable with the configured credentials (and pinned certificate), PowerShell ≥ 4 with the
 * Hyper-V module, and per VM: it exists, has the base checkpoint, keeps memory in checkpoints, reports an address.
 * Everything goes through the host's own shell ({@link dev.reprolab.lab.HostShell}) and the backend's calls.
 */
final class HostChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hyper-V's CheckpointType enum as ConvertTo-Json prints it. */
    static final int DISABLED = 2;
    static final int PRODUCTION = 3;
    static final int PRODUCTION_ONLY = 4;

    private final Guest host;
    private final String subject;
    private final Duration deadline;

    HostChecks(Guest host, Duration deadline) {
        this.host = host;
        this.subject = "host " + host.name().replaceFirst("^hyper-v host ", "");
        this.deadline = deadline;
    }

    String subject() {
        return subject;
    }

    /** Runs a PowerShell statement on the host the way the Hyper-V backend does (-EncodedCommand). */
    CommandResult ps(String script) {
        String encoded = Base64.getEncoder().encodeToString(("$ProgressPreference = 'SilentlyContinue'; " + script)
                .getBytes(StandardCharsets.UTF_16LE));
        return host.run("powershell -NoProfile -NonInteractive -EncodedCommand " + encoded, deadline);
    }

    /**
     * The first contact: one clear line when the host cannot be reached or refuses the credentials (then empty:
     * nothing else can be checked); else the PowerShell and module checks.
     */
    Optional<List<Finding>> reach(java.util.function.Consumer<Finding> unreachable) {
        CommandResult r;
        try {
            r = ps("$PSVersionTable.PSVersion.Major");
        } catch (LabException e) {
            unreachable.accept(Connection.failure(subject, e, "host"));
            return Optional.empty();
        }
        List<Finding> out = new ArrayList<>();
        int major;
        try {
            major = Integer.parseInt(r.stdout().strip());
        } catch (NumberFormatException e) {
            major = -1;
        }
        if (r.exitCode() != 0 || major < 0) {
            out.add(Finding.fail(subject, "PowerShell did not answer ($PSVersionTable): " + firstLine(r),
                    "the host needs Windows PowerShell 4 or later (Server 2012 R2+)"));
        } else if (major < 4) {
            out.add(Finding.fail(subject, "PowerShell " + major + "; the Hyper-V backend needs 4 or later",
                    "install Windows Management Framework 5.1 on the host, or use a Server 2012 R2+ host"));
        } else {
            out.add(Finding.ok(subject, "WinRM reachable, credentials accepted, PowerShell " + major));
        }
        CommandResult m = ps("Get-Module -ListAvailable -Name Hyper-V | Select-Object Name | ConvertTo-Json -Compress");
        if (m.exitCode() != 0 || !m.stdout().contains("Hyper-V")) {
            out.add(Finding.fail(subject, "the Hyper-V PowerShell module is not installed",
                    "Install-WindowsFeature Hyper-V-PowerShell (or Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-Management-PowerShell)"));
        } else {
            out.add(Finding.ok(subject, "Hyper-V PowerShell module present"));
        }
        return Optional.of(out);
    }

    /** The VM exists and has the base checkpoint; checkpoints keep memory. Empty list items are skipped. */
    List<Finding> vm(LabBackend lab, String vm, String base) {
        List<Finding> out = new ArrayList<>();
        String s = subject + " VM " + vm;
        LabBackend.VmState state;
        try {
            state = lab.state(vm, deadline);
        } catch (LabException e) {
            state = LabBackend.VmState.UNKNOWN;
        }
        if (state == LabBackend.VmState.UNKNOWN) {
            out.add(Finding.fail(s, "no such VM on the host", "create it, or fix the name in the lab config's vms: list (Get-VM lists the host's VMs)"));
            return out;
        }
        List<String> checkpoints = lab.checkpoints(vm, deadline);
        if (!checkpoints.contains(base)) {
            out.add(Finding.fail(s, "has no checkpoint '" + base + "' (has " + checkpoints + ")",
                    "prepare the guest (vm-images/README.md), then Checkpoint-VM -Name " + vm + " -SnapshotName " + base));
        } else {
            out.add(Finding.ok(s, state.name().toLowerCase(java.util.Locale.ROOT) + ", checkpoint '" + base + "' present"));
        }
        CommandResult t = ps("Get-VM -Name '" + vm.replace("'", "''") + "' | Select-Object Name,CheckpointType | ConvertTo-Json -Compress");
        JsonNode type = json(t).path("CheckpointType");
        int code = type.isNumber() ? type.asInt() : switch (type.asText("")) {
            case "Production" -> PRODUCTION;
            case "ProductionOnly" -> PRODUCTION_ONLY;
            case "Disabled" -> DISABLED;
            default -> 0;
        };
        String fix = "Set-VM -Name " + vm + " -CheckpointType Standard, then retake the golden checkpoints (Checkpoint-VM -Name "
                + vm + " -SnapshotName " + base + ")";
        if (code == PRODUCTION || code == PRODUCTION_ONLY) {
            // the harness starts a VM a restore left off, so this costs time (a cold boot per trial), never results
            out.add(Finding.ok(s, "Production checkpoints (no memory): every restore leaves the VM off and the harness cold-boots it,"
                    + " a boot per trial; Standard checkpoints skip it (" + fix + ")"));
        } else if (code == DISABLED) {
            out.add(Finding.fail(s, "has checkpoints disabled", fix));
        } else {
            out.add(Finding.ok(s, type.isMissingNode() || type.isNull() ? "standard checkpoints (the host has no other kind)" : "standard checkpoints"));
        }
        return out;
    }

    private static JsonNode json(CommandResult r) {
        try {
            JsonNode n = JSON.readTree(r.stdout().strip().isEmpty() ? "{}" : r.stdout().strip());
            return n.isArray() && n.size() > 0 ? n.get(0) : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String firstLine(CommandResult r) {
        return (r.stderr() + r.stdout()).lines().filter(l -> !l.isBlank()).findFirst().orElse("exit code " + r.exitCode()).strip();
    }
}
