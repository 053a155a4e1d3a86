package dev.reprolab.lab.azure;

import static dev.reprolab.lab.azure.AzureCalls.call;
import static dev.reprolab.lab.azure.AzureCalls.find;
import static dev.reprolab.lab.azure.AzureCalls.lro;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.SnapshotSku;
import com.azure.resourcemanager.compute.models.SnapshotStorageAccountTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CertificatePin;
import dev.reprolab.remote.Credentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure: a pool of Server 2008 R2 VMs made from a custom image in a resource group of the run's own, driven with the
 * Azure SDK's management clients and reached over WinRM HTTPS on 5986 with the certificate pinned.
 *
 * <ul>
 *   <li><b>Pool</b>: one resource group {@code reprolab-<run id>}; a VNet and an NSG that opens 5986 (WinRM HTTPS)
 *       and 80 (the HTTP load) to the controller's address only; per VM a static public IP (or none), a NIC and the VM
 *       from the image. Every resource the backend creates carries the tag {@code reprolab-run=<run id>}.</li>
 *   <li><b>WinRM</b>: Run Command runs {@code enable-winrm-https.ps1}, which makes a self-signed certificate and an
 *       HTTPS listener and prints the certificate's SHA-256; that is pinned (and kept in a tag of the VM, so a resumed
 *       run finds it). {@code winrm.trustAll} instead takes whatever certificate the VM first presents.</li>
 *   <li><b>Checkpoints</b>: deallocate, snapshot the OS disk ({@code <vm>--<checkpoint>}), start. The pool's
 *       {@code clean} checkpoint is taken right after provisioning.</li>
 *   <li><b>Restore</b>: deallocate, make a new disk from the checkpoint's snapshot, swap it in as the OS disk, start,
 *       delete the disk that was swapped out.</li>
 *   <li><b>Clean-up</b>: {@link #close()} deletes the run's resource group unless {@code keep: true};
 *       {@link AzureReaper} deletes what a killed run left ({@code lab reap}).</li>
 * </ul>
 * Provisioning the pool is {@link AzurePool}'s; the SDK calls with their deadlines are {@link AzureCalls}'. Every call waits at
 * most its deadline; long-running operations are polled by the SDK and given up when it passes.
 */
public final class AzureBackend implements LabBackend {

    private static final Logger LOG = LoggerFactory.getLogger(AzureBackend.class);
    public static final String RUN_TAG = "reprolab-run";
    static final String VM_TAG = "reprolab-vm";
    static final String CHECKPOINT_TAG = "reprolab-checkpoint";
    static final String PIN_TAG = "reprolab-winrm-sha256";
    public static final String CLEAN = "clean";

    private final AzureConfig config;
    private final AzureClients az;
    private final String runId;
    private final String group;
    private final List<String> vms;
    private final Map<String, GuestAddress> addresses = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Thread onExit = new Thread(this::close, "azure-reap-on-exit");

    /** Opens the pool for the run: creates what is missing (resuming a run reuses what it left), pins WinRM, takes {@code clean}. */
    public AzureBackend(AzureConfig config, String runId) {
        this.config = config;
        this.runId = runId;
        this.group = groupName(runId);
        this.az = new AzureClients(config);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= config.vms(); i++) {
            names.add(String.format("lab-%02d", i));
        }
        this.vms = List.copyOf(names);
        // Ctrl+C or SIGTERM still deletes the run's resources (only SIGKILL leaves them, for `lab reap`)
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            new AzurePool(config, az, runId, group, vms, addresses, this).provision();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The resource group a run's pool lives in. */
    public static String groupName(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9._()-]", "-");
        return ("reprolab-" + safe).substring(0, Math.min(90, 9 + safe.length()));
    }

    public String runId() {
        return runId;
    }

    public String resourceGroup() {
        return group;
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public List<String> vms() {
        return vms;
    }


    // ---------------------------------------------------------------------------------------------------- LabBackend

    @Override
    public VmState state(String vm, Duration deadline) {
        var view = call(vm + ": instance view", () -> az.compute.getVirtualMachines().instanceView(group, vm));
        for (InstanceViewStatus s : view.statuses() == null ? List.<InstanceViewStatus>of() : view.statuses()) {
            String code = s.code() == null ? "" : s.code();
            if (code.startsWith("PowerState/")) {
                return switch (code.substring("PowerState/".length())) {
                    case "running" -> VmState.RUNNING;
                    case "deallocated", "stopped" -> VmState.OFF;
                    case "starting" -> VmState.STARTING;
                    case "stopping", "deallocating" -> VmState.STOPPING;
                    default -> VmState.UNKNOWN;
                };
            }
        }
        return VmState.UNKNOWN;
    }

    @Override
    public void start(String vm, Duration deadline) {
        lro(vm + ": start", deadline, () -> az.compute.getVirtualMachines().beginStart(group, vm));
    }

    @Override
    public void stop(String vm, StopMode mode, Duration deadline) {
        if (mode == StopMode.TURN_OFF) {
            lro(vm + ": power off", deadline, () -> az.compute.getVirtualMachines().beginPowerOff(group, vm, true, com.azure.core.util.Context.NONE));
        }
        lro(vm + ": deallocate", deadline, () -> az.compute.getVirtualMachines().beginDeallocate(group, vm));
    }

    private static String snapshotName(String vm, String checkpoint) {
        return vm + "--" + checkpoint.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void checkpoint(String vm, String checkpoint, Duration deadline) {
        String name = snapshotName(vm, checkpoint);
        VirtualMachineInner current = call(vm + ": read VM", () -> az.compute.getVirtualMachines().getByResourceGroup(group, vm));
        String diskId = current.storageProfile().osDisk().managedDisk().id();
        stop(vm, StopMode.SHUT_DOWN, deadline);
        if (find(() -> az.compute.getSnapshots().getByResourceGroup(group, name)).isPresent()) {
            lro(vm + ": delete the old snapshot " + name, deadline, () -> az.compute.getSnapshots().beginDelete(group, name));
        }
        SnapshotInner snap = new SnapshotInner().withSku(new SnapshotSku().withName(SnapshotStorageAccountTypes.STANDARD_LRS))
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY).withSourceResourceId(diskId))
                .withIncremental(false);
        snap.withLocation(config.region()).withTags(AzurePool.runTags(runId, VM_TAG, vm, CHECKPOINT_TAG, checkpoint));
        lro(vm + ": snapshot the OS disk as " + name, deadline, () -> az.compute.getSnapshots().beginCreateOrUpdate(group, name, snap));
        start(vm, deadline);
    }

    @Override
    public List<String> checkpoints(String vm, Duration deadline) {
        List<String> out = new ArrayList<>();
        call(vm + ": list snapshots", () -> {
            for (SnapshotInner s : az.compute.getSnapshots().listByResourceGroup(group)) {
                if (s.tags() != null && vm.equals(s.tags().get(VM_TAG)) && s.tags().containsKey(CHECKPOINT_TAG)) {
                    out.add(s.tags().get(CHECKPOINT_TAG));
                }
            }
            return null;
        });
        return out;
    }

    @Override
    public void restore(String vm, String checkpoint, Duration deadline) {
        String snapName = snapshotName(vm, checkpoint);
        SnapshotInner snap = find(() -> az.compute.getSnapshots().getByResourceGroup(group, snapName))
                .orElseThrow(() -> new LabException(vm + ": no checkpoint named \"" + checkpoint + "\" (snapshot " + snapName
                        + " is not in resource group " + group + ")"));
        lro(vm + ": deallocate", deadline, () -> az.compute.getVirtualMachines().beginDeallocate(group, vm));
        String diskName = vm + "-os-" + UUID.randomUUID().toString().substring(0, 8);
        DiskInner disk = new DiskInner().withSku(new DiskSku().withName(DiskStorageAccountTypes.STANDARD_SSD_LRS))
                .withOsType(OperatingSystemTypes.WINDOWS)
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY).withSourceResourceId(snap.id()));
        disk.withLocation(config.region()).withTags(AzurePool.runTags(runId, VM_TAG, vm, CHECKPOINT_TAG, checkpoint));
        DiskInner made = lro(vm + ": new OS disk from " + snapName, deadline,
                () -> az.compute.getDisks().beginCreateOrUpdate(group, diskName, disk));
        VirtualMachineInner current = call(vm + ": read VM", () -> az.compute.getVirtualMachines().getByResourceGroup(group, vm));
        String oldDisk = current.storageProfile().osDisk().name();
        current.storageProfile().osDisk().withName(diskName).withManagedDisk(new ManagedDiskParameters().withId(made.id()));
        lro(vm + ": swap the OS disk to " + diskName, deadline,
                () -> az.compute.getVirtualMachines().beginCreateOrUpdate(group, vm, current));
        start(vm, deadline);
        try {
            lro(vm + ": delete the old OS disk " + oldDisk, deadline, () -> az.compute.getDisks().beginDelete(group, oldDisk));
        } catch (LabException e) {
            LOG.warn("{}: could not delete the swapped-out disk {} (the reaper will): {}", vm, oldDisk, e.getMessage());
        }
    }

    @Override
    public GuestAddress address(String vm, Duration deadline) {
        return addresses.computeIfAbsent(vm, v -> lookUp(v, deadline));
    }

    private GuestAddress lookUp(String vm, Duration deadline) {
        VirtualMachineInner m = call(vm + ": read VM", () -> az.compute.getVirtualMachines().getByResourceGroup(group, vm));
        String nicId = m.networkProfile().networkInterfaces().get(0).id();
        String nicName = nicId.substring(nicId.lastIndexOf('/') + 1);
        NetworkInterfaceInner nic = call(vm + ": read NIC", () -> az.network.getNetworkInterfaces().getByResourceGroup(group, nicName));
        NetworkInterfaceIpConfigurationInner ipc = nic.ipConfigurations().get(0);
        String host = ipc.privateIpAddress();
        if (config.publicIp() && ipc.publicIpAddress() != null) {
            String pipId = ipc.publicIpAddress().id();
            String pipName = pipId.substring(pipId.lastIndexOf('/') + 1);
            host = call(vm + ": read public IP", () -> az.network.getPublicIpAddresses().getByResourceGroup(group, pipName)).ipAddress();
        }
        if (host == null) {
            throw new LabException(vm + ": Azure reports no IP address for the VM");
        }
        String pin = m.tags() == null ? null : m.tags().get(PIN_TAG);
        if (pin == null && config.trustAll()) {
            pin = CertificatePin.fetch(host, 5986, deadline);
            LOG.warn("{}: winrm.trustAll: trusting the certificate the VM presents now (SHA-256 {})", vm, pin);
        }
        if (pin == null) {
            throw new LabException(vm + ": no pinned WinRM certificate (tag " + PIN_TAG + "); Run Command did not enable HTTPS");
        }
        return new GuestAddress(vm, host, 5986, true, new Credentials(config.adminUsername(), config.adminPassword()),
                Optional.of(pin), Map.of(), config.allowTls10());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs close() anyway, which is this call or a no-op
            }
        }
        if (config.keep()) {
            LOG.info("keep: true: resource group {} (tag {}={}) is left; `lab reap --run {}` removes it", group, RUN_TAG, runId, runId);
            return;
        }
        try {
            List<String> gone = new AzureReaper(az).reap(Optional.of(runId), config.labDeadline());
            LOG.info("removed {} resource group(s)/resource(s) of run {}", gone.size(), runId);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the run's resources ({}); `lab reap --run {}` will: {}", group, runId, e.getMessage());
        }
    }
}
