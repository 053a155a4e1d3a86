package dev.reprolab.lab.hyperv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.lab.config.LabConfig;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.WinRmGuest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.reprolab.time.Deadline;
import dev.reprolab.time.Poll;

/**
 * A Hyper-V host driven over WinRM with the Hyper-V PowerShell module: the same {@link WinRmGuest} transport as the
 * guests, pointed at the host. Scripts go as {@code -EncodedCommand} (no quoting trouble); answers come back as
 * {@code ConvertTo-Json -Compress}. The statements sent are listed in {@code dev.reprolab.sim.hyperv}'s
 * package-info (the simulated host accepts exactly those).
 */
public final class HyperVBackend implements LabBackend, dev.reprolab.lab.HostShell {

    private static final Logger LOG = LoggerFactory.getLogger(HyperVBackend.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final LabConfig config;
    private final WinRmGuest host;

    public HyperVBackend(String name, LabConfig config) {
        this.name = name;
        this.config = config;
        LabConfig.Endpoint h = config.host();
        this.host = new WinRmGuest(new GuestAddress("hyper-v host " + h.address(), h.address(), h.port(), h.https(),
                h.credentials(), h.certificateSha256(), java.util.Map.of(), h.allowTls10()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> vms() {
        return config.vms().stream().map(LabConfig.Vm::name).toList();
    }

    static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private JsonNode ps(String script, Duration deadline) {
        // no progress records: they would only add to the serialized stderr
        String encoded = Base64.getEncoder().encodeToString(("$ProgressPreference = 'SilentlyContinue'; " + script)
                .getBytes(StandardCharsets.UTF_16LE));
        CommandResult r = host.run("powershell -NoProfile -NonInteractive -EncodedCommand " + encoded, deadline);
        if (r.exitCode() != 0) {
            String first = r.stderr().lines().findFirst().orElse("exit code " + r.exitCode());
            throw new LabException("Hyper-V host " + config.host().address() + ": " + first.strip());
        }
        String out = r.stdout().strip();
        if (out.isEmpty()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new LabException("Hyper-V host " + config.host().address() + " answered no JSON: " + out);
        }
    }

    private static List<JsonNode> items(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (!n.isMissingNode() && !n.isNull()) {
            out.add(n);
        }
        return out;
    }

    @Override
    public VmState state(String vm, Duration deadline) {
        List<JsonNode> vms = items(ps("Get-VM -Name " + q(vm) + " | Select-Object Name,State | ConvertTo-Json -Compress", deadline));
        if (vms.isEmpty()) {
            return VmState.UNKNOWN;
        }
        JsonNode s = vms.get(0).path("State");
        return s.isNumber() ? state(s.asInt()) : state(s.asText());
    }

    /** Hyper-V's VMState enum: as a number (ConvertTo-Json) or as its name. */
    static VmState state(int code) {
        return switch (code) {
            case 2 -> VmState.RUNNING;
            case 3 -> VmState.OFF;
            case 4, 32773 -> VmState.STOPPING;
            case 6, 32779 -> VmState.SAVED;
            case 10, 32777 -> VmState.STARTING;
            default -> VmState.UNKNOWN;
        };
    }

    static VmState state(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "running" -> VmState.RUNNING;
            case "off" -> VmState.OFF;
            case "stopping", "saving" -> VmState.STOPPING;
            case "saved" -> VmState.SAVED;
            case "starting", "resuming" -> VmState.STARTING;
            default -> VmState.UNKNOWN;
        };
    }

    @Override
    public void start(String vm, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        ps("Start-VM -Name " + q(vm), deadline);
        awaitState(vm, VmState.RUNNING, end);
    }

    @Override
    public void stop(String vm, StopMode mode, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        ps("Stop-VM -Name " + q(vm) + " -Force" + (mode == StopMode.TURN_OFF ? " -TurnOff" : ""), deadline);
        awaitState(vm, VmState.OFF, end);
    }

    private void awaitState(String vm, VmState wanted, Deadline end) {
        Poll.every(Duration.ofMillis(250)).until(end, d -> {
            VmState s = state(vm, d.left());
            return s == wanted ? Poll.Attempt.done(s) : Poll.Attempt.notYet(s.toString());
        }, (why, last) -> new LabException(vm + (why == Poll.End.INTERRUPTED ? " interrupted while waiting for " + wanted
                : " did not reach " + wanted + " in time (last: " + last + ")")));
    }

    @Override
    public void checkpoint(String vm, String checkpoint, Duration deadline) {
        if (checkpoints(vm, deadline).contains(checkpoint)) {
            ps("Remove-VMSnapshot -VMName " + q(vm) + " -Name " + q(checkpoint), deadline);
        }
        ps("Checkpoint-VM -Name " + q(vm) + " -SnapshotName " + q(checkpoint), deadline);
    }

    @Override
    public List<String> checkpoints(String vm, Duration deadline) {
        return items(ps("Get-VMSnapshot -VMName " + q(vm) + " | Select-Object Name | ConvertTo-Json -Compress", deadline))
                .stream().map(n -> n.path("Name").asText()).toList();
    }

    @Override
    public void restore(String vm, String checkpoint, Duration deadline) {
        Deadline end = Deadline.in(deadline);
        ps("Restore-VMSnapshot -VMName " + q(vm) + " -Name " + q(checkpoint) + " -Confirm:$false", deadline);
        // Restore-VMSnapshot resumes only a VM that was running from a checkpoint with memory: after a Production
        // checkpoint (a 2016+ host's default) the VM is off, after a Standard one of a VM that was not running it is
        // saved. Start it whatever it is; the caller then waits for WinRM.
        VmState s = state(vm, end.left());
        if (s == VmState.OFF || s == VmState.SAVED) {
            LOG.debug("{}: {} after restoring '{}', starting it", vm, s, checkpoint);
            start(vm, end.left());
        } else if (s != VmState.RUNNING) {
            awaitState(vm, VmState.RUNNING, end);
        }
    }

    @Override
    public GuestAddress address(String vm, Duration deadline) {
        LabConfig.Vm cfg = config.vms().stream().filter(v -> v.name().equals(vm)).findFirst()
                .orElseThrow(() -> new LabException("VM " + vm + " is not in the lab config"));
        Optional<String> ip = cfg.address();
        if (ip.isEmpty()) {
            ip = Optional.of(Poll.every(Duration.ofMillis(500)).until(Deadline.in(deadline), d -> {
                List<JsonNode> ips = items(ps("(Get-VMNetworkAdapter -VMName " + q(vm) + ").IPAddresses | ConvertTo-Json -Compress", d.left()));
                return ips.stream().map(JsonNode::asText).filter(a -> a.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")).findFirst()
                        .map(Poll.Attempt::done).orElseGet(() -> Poll.Attempt.notYet("addresses " + ips));
            }, (why, last) -> new LabException(vm + (why == Poll.End.INTERRUPTED ? " interrupted while waiting for its IPv4 address"
                    : " reported no IPv4 address within " + deadline + " (integration services running?)"))));
        }
        LabConfig.Endpoint g = config.guest();
        return new GuestAddress(vm, ip.get(), cfg.port().orElse(g.port()), g.https(), g.credentials(),
                cfg.certificateSha256().or(g::certificateSha256), cfg.portForwards(), g.allowTls10());
    }

    @Override
    public dev.reprolab.remote.Guest hostShell() {
        return host;
    }

    /** The lab config this backend drives (for checks that compare what the config says with what the host reports). */
    public LabConfig config() {
        return config;
    }

    @Override
    public void close() {
        host.close();
    }
}
