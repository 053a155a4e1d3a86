package dev.reprolab.lab.azure;

import static dev.reprolab.lab.azure.AzureCalls.call;
import static dev.reprolab.lab.azure.AzureCalls.find;
import static dev.reprolab.lab.azure.AzureCalls.lro;

import com.azure.resourcemanager.compute.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.RunCommandInput;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a run's pool: the resource group, the network security group and virtual network, per VM its public
 * IP, NIC and VM from the image (reusing what a resumed run left), WinRM HTTPS pinned, and the {@code clean}
 * checkpoint.
 */
final class AzurePool {

    private static final Logger LOG = LoggerFactory.getLogger(AzurePool.class);
    private static final Pattern SHA256_LINE = Pattern.compile("CertificateSha256:\\s*([0-9A-Fa-f]{64})");

    private final AzureConfig config;
    private final AzureClients az;
    private final String runId;
    private final String group;
    private final List<String> vms;
    private final Map<String, GuestAddress> addresses;
    private final AzureBackend backend;

    AzurePool(AzureConfig config, AzureClients az, String runId, String group, List<String> vms,
              Map<String, GuestAddress> addresses, AzureBackend backend) {
        this.config = config;
        this.az = az;
        this.runId = runId;
        this.group = group;
        this.vms = vms;
        this.addresses = addresses;
        this.backend = backend;
    }

    private Map<String, String> tags(String... more) {
        return runTags(runId, more);
    }

    /** The tags every resource of the run carries ({@code reprolab-run=<run id>}), plus {@code more} name/value pairs. */
    static Map<String, String> runTags(String runId, String... more) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(AzureBackend.RUN_TAG, runId);
        t.put("reprolab", "repro lab harness");
        for (int i = 0; i + 1 < more.length; i += 2) {
            t.put(more[i], more[i + 1]);
        }
        return t;
    }

    private String id(String type, String name) {
        return "/subscriptions/" + config.subscriptionId() + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    void provision() {
        Duration d = config.labDeadline();
        call("create resource group " + group, () -> az.resources.getResourceGroups()
                .createOrUpdate(group, new ResourceGroupInner().withLocation(config.region()).withTags(tags())));
        String source = config.controllerAddress();
        NetworkSecurityGroupInner nsg = new NetworkSecurityGroupInner().withSecurityRules(List.of(
                rule("winrm-https-from-controller", "5986", source, 100), rule("http-from-controller", "80", source, 110)));
        nsg.withLocation(config.region()).withTags(tags());
        lro("create network security group", d, () -> az.network.getNetworkSecurityGroups().beginCreateOrUpdate(group, "lab-nsg", nsg));
        VirtualNetworkInner vnet = new VirtualNetworkInner()
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.20.0.0/16")))
                .withSubnets(List.of(new SubnetInner().withName("lab").withAddressPrefix("10.20.0.0/24")));
        vnet.withLocation(config.region()).withTags(tags());
        lro("create virtual network", d, () -> az.network.getVirtualNetworks().beginCreateOrUpdate(group, "lab-vnet", vnet));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, vms.size()), r -> {
            Thread t = new Thread(r, "azure-provision");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String vm : vms) {
                all.add(pool.submit(() -> provisionVm(vm, d)));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new LabException("Azure: provisioning failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("Azure: interrupted while provisioning the pool");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SecurityRuleInner rule(String name, String port, String source, int priority) {
        return new SecurityRuleInner().withName(name).withProtocol(SecurityRuleProtocol.TCP).withSourcePortRange("*")
                .withSourceAddressPrefix(source).withDestinationAddressPrefix("*").withDestinationPortRange(port)
                .withAccess(SecurityRuleAccess.ALLOW).withDirection(SecurityRuleDirection.INBOUND).withPriority(priority);
    }

    private void provisionVm(String vm, Duration d) {
        Optional<VirtualMachineInner> existing = find(() -> az.compute.getVirtualMachines().getByResourceGroup(group, vm));
        if (existing.isEmpty()) {
            PublicIpAddressInner pip = null;
            if (config.publicIp()) {
                PublicIpAddressInner want = new PublicIpAddressInner()
                        .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                        .withPublicIpAllocationMethod(IpAllocationMethod.STATIC);
                want.withLocation(config.region()).withTags(tags(AzureBackend.VM_TAG, vm));
                pip = lro(vm + ": create public IP", d, () -> az.network.getPublicIpAddresses().beginCreateOrUpdate(group, vm + "-ip", want));
            }
            NetworkInterfaceIpConfigurationInner ipc = new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                    .withSubnet(new SubnetInner().withId(id("Microsoft.Network/virtualNetworks", "lab-vnet") + "/subnets/lab"))
                    .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC);
            if (pip != null) {
                ipc.withPublicIpAddress(new PublicIpAddressInner().withId(pip.id()));
            }
            NetworkInterfaceInner nic = new NetworkInterfaceInner().withIpConfigurations(List.of(ipc))
                    .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(id("Microsoft.Network/networkSecurityGroups", "lab-nsg")));
            nic.withLocation(config.region()).withTags(tags(AzureBackend.VM_TAG, vm));
            NetworkInterfaceInner madeNic = lro(vm + ": create network interface", d,
                    () -> az.network.getNetworkInterfaces().beginCreateOrUpdate(group, vm + "-nic", nic));
            VirtualMachineInner want = new VirtualMachineInner()
                    .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(config.vmSize())))
                    .withStorageProfile(new StorageProfile().withImageReference(new ImageReference().withId(config.image()))
                            .withOsDisk(new OSDisk().withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                                    .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_SSD_LRS))))
                    .withOsProfile(new OSProfile().withComputerName(("WIN-" + vm.replace("-", "")).toUpperCase(Locale.ROOT))
                            .withAdminUsername(config.adminUsername()).withAdminPassword(config.adminPassword().reveal())
                            .withWindowsConfiguration(new WindowsConfiguration().withProvisionVMAgent(true).withEnableAutomaticUpdates(false)))
                    .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(
                            new NetworkInterfaceReference().withPrimary(true).withId(madeNic.id()))));
            want.withLocation(config.region()).withTags(tags(AzureBackend.VM_TAG, vm));
            lro(vm + ": create virtual machine", d, () -> az.compute.getVirtualMachines().beginCreateOrUpdate(group, vm, want));
            LOG.info("{}: created from {}", vm, config.image());
        } else {
            LOG.info("{}: reusing the VM the run made before", vm);
            if (backend.state(vm, d) != LabBackend.VmState.RUNNING) {
                backend.start(vm, d);
            }
        }
        String pin = existing.map(v -> v.tags() == null ? null : v.tags().get(AzureBackend.PIN_TAG)).orElse(null);
        if (pin == null) {
            pin = enableWinRmHttps(vm, d);
        }
        addresses.remove(vm);
        if (!backend.checkpoints(vm, d).contains(AzureBackend.CLEAN)) {
            backend.checkpoint(vm, AzureBackend.CLEAN, d);
        }
    }

    /** Runs the WinRM HTTPS script through Run Command; returns the certificate's SHA-256 and keeps it in a tag. */
    private String enableWinRmHttps(String vm, Duration d) {
        String script;
        try (InputStream in = AzurePool.class.getResourceAsStream("enable-winrm-https.ps1")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunCommandInput input = new RunCommandInput().withCommandId("RunPowerShellScript").withScript(script.lines().toList());
        RunCommandResultInner result = lro(vm + ": Run Command enable-winrm-https", d,
                () -> az.compute.getVirtualMachines().beginRunCommand(group, vm, input));
        StringBuilder out = new StringBuilder();
        if (result != null && result.value() != null) {
            for (InstanceViewStatus s : result.value()) {
                out.append(s.code()).append(": ").append(s.message()).append('\n');
            }
        }
        Matcher m = SHA256_LINE.matcher(out);
        if (!m.find()) {
            throw new LabException(vm + ": the WinRM HTTPS script printed no certificate SHA-256; Run Command said: " + out.toString().strip());
        }
        String pin = m.group(1).toLowerCase(Locale.ROOT);
        VirtualMachineInner current = call(vm + ": read VM", () -> az.compute.getVirtualMachines().getByResourceGroup(group, vm));
        Map<String, String> t = new LinkedHashMap<>(current.tags() == null ? Map.of() : current.tags());
        t.put(AzureBackend.PIN_TAG, pin);
        current.withTags(t);
        lro(vm + ": tag the WinRM certificate", d, () -> az.compute.getVirtualMachines().beginCreateOrUpdate(group, vm, current));
        LOG.info("{}: WinRM HTTPS listener enabled, certificate SHA-256 {}", vm, pin);
        if (out.indexOf("SChannel: TLS 1.2 enabled") >= 0) {
            // SChannel reads its keys at boot: the clean checkpoint's deallocate and start (Azure snapshots a stopped
            // VM) is that boot, so every VM a trial gets speaks TLS 1.2
            LOG.info("{}: TLS 1.2 enabled for SChannel; it takes effect at the clean checkpoint's boot", vm);
        }
        return pin;
    }
}
