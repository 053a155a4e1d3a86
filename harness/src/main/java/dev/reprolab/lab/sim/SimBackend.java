package dev.reprolab.lab.sim;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.config.LabConfig;
import dev.reprolab.lab.hyperv.HyperVBackend;
import dev.reprolab.remote.Credentials;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.hyperv.SimHyperVHost;
import dev.reprolab.sim.winrm.WsmanServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default lab: a {@link SimLab} started in-process, driven through the very {@link HyperVBackend} that drives a
 * real Hyper-V host — pointed at the simulated host's WinRM endpoint, with the guests reached on loopback through
 * port forwards, as in a NAT'd lab. Nothing here short-cuts the harness: every VM operation is PowerShell over WinRM,
 * every guest command is Overthere over WinRM.
 */
public final class SimBackend implements LabBackend, dev.reprolab.lab.HostShell {

    private final SimLab lab;
    private final WsmanServer hostEndpoint;
    private final HyperVBackend hyperv;
    private final LabConfig config;
    private final SimHyperVHost host;

    public SimBackend(SimLab lab, Credentials credentials) {
        this.lab = lab;
        this.host = new SimHyperVHost(lab.vms());
        this.hostEndpoint = lab.serveHost(host, "HV-SIM");
        boolean https = lab.config().https();
        LabConfig.Endpoint host = new LabConfig.Endpoint("127.0.0.1", hostEndpoint.port(), https,
                hostEndpoint.certificateSha256(), credentials);
        List<LabConfig.Vm> vms = lab.nodes().stream().map(n -> new LabConfig.Vm(n.guest().name(), Optional.of("127.0.0.1"),
                Optional.of(n.endpoint().port()), n.endpoint().certificateSha256(), n.guest().forwards())).toList();
        this.config = new LabConfig(host, new LabConfig.Endpoint("127.0.0.1", 5985, https, Optional.empty(), credentials), vms,
                Duration.ofMinutes(2));
        this.hyperv = new HyperVBackend("sim", config);
    }

    /**
     * Makes the host take Standard checkpoints (memory included; {@code Set-VM -CheckpointType Standard}) instead of
     * a 2016+ host's default Production ones, and retakes each guest's {@code clean} that way. Call before any run.
     */
    public void useStandardCheckpoints() {
        for (SimLab.Node n : lab.nodes()) {
            host.checkpointType(n.guest().name(), 5);
            n.guest().checkpoint(SimLab.CLEAN, true);
        }
    }

    /** The configuration a Hyper-V backend needs to drive this lab (what {@code lab sim serve} writes out). */
    public LabConfig config() {
        return config;
    }

    public SimLab lab() {
        return lab;
    }

    /** The simulated Hyper-V host behind the endpoint (tests set its VMs' checkpoint type). */
    public SimHyperVHost host() {
        return host;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public List<String> vms() {
        return hyperv.vms();
    }

    @Override
    public VmState state(String vm, Duration deadline) {
        return hyperv.state(vm, deadline);
    }

    @Override
    public void start(String vm, Duration deadline) {
        hyperv.start(vm, deadline);
    }

    @Override
    public void stop(String vm, StopMode mode, Duration deadline) {
        hyperv.stop(vm, mode, deadline);
    }

    @Override
    public void checkpoint(String vm, String checkpoint, Duration deadline) {
        hyperv.checkpoint(vm, checkpoint, deadline);
    }

    @Override
    public List<String> checkpoints(String vm, Duration deadline) {
        return hyperv.checkpoints(vm, deadline);
    }

    @Override
    public void restore(String vm, String checkpoint, Duration deadline) {
        hyperv.restore(vm, checkpoint, deadline);
    }

    @Override
    public GuestAddress address(String vm, Duration deadline) {
        return hyperv.address(vm, deadline);
    }

    @Override
    public dev.reprolab.remote.Guest hostShell() {
        return hyperv.hostShell();
    }

    @Override
    public void close() {
        hyperv.close();
        lab.close();
    }
}
