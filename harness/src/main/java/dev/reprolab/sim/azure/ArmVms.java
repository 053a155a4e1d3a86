package dev.reprolab.sim.azure;

import static dev.reprolab.sim.azure.ArmHttp.JSON;
import static dev.reprolab.sim.azure.ArmHttp.query;
import static dev.reprolab.sim.azure.ArmHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.guest.SystemImage;
import dev.reprolab.sim.winrm.WsmanServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Virtual machines: create from the image, OS-disk swap, power actions, instance view and Run Command. */
final class ArmVms {

    private final SimArm.Config config;
    private final ArmStore store;
    private final ArmOperations ops;
    private final NsgRules nsg;

    ArmVms(SimArm.Config config, ArmStore store, ArmOperations ops, NsgRules nsg) {
        this.config = config;
        this.store = store;
        this.ops = ops;
        this.nsg = nsg;
    }

    void vmPut(HttpExchange ex, String group, String name, String id, ObjectNode existing, JsonNode body,
                       String apiVersion) throws IOException {
        if (existing != null) {
            vmUpdate(ex, group, name, id, existing, body, apiVersion);
            return;
        }
        JsonNode props = body.path("properties");
        String imageId = props.path("storageProfile").path("imageReference").path("id").asText(null);
        if (imageId == null || store.find(imageId) == null) {
            throw new ArmError(404, "NotFound", "The Image '" + imageId + "' cannot be found in '" + config.location() + "' region.");
        }
        JsonNode os = props.path("osProfile");
        if (!os.hasNonNull("adminUsername")) {
            throw new ArmError(400, "InvalidParameter", "Required parameter 'adminUsername' is missing (null).");
        }
        if (!os.hasNonNull("adminPassword")) {
            throw new ArmError(400, "InvalidParameter", "Required parameter 'adminPassword' is missing (null).");
        }
        JsonNode nics = props.path("networkProfile").path("networkInterfaces");
        if (nics.size() != 1) {
            throw ArmError.invalid("The simulated subscription gives a VM exactly one network interface.");
        }
        ObjectNode nic = store.require(nics.get(0).path("id").asText(null), "virtual machine " + name);
        JsonNode ipc = nic.path("properties").path("ipConfigurations").path(0).path("properties");
        String privateIp = ipc.path("privateIPAddress").asText();
        String address = Optional.ofNullable(store.find(ipc.path("publicIPAddress").path("id").asText(null)))
                .map(p -> p.path("properties").path("ipAddress").asText()).orElse(null);
        if (address == null) {
            synchronized (store) {
                address = store.nextPublicAddress();
            }
        }
        String computerName = os.path("computerName").asText(name).toUpperCase(Locale.ROOT);
        Path disk = config.root().resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)).resolve("disk");
        try {
            Files.createDirectories(disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SystemImage.populate(disk);
        SimGuest guest = SimGuest.builder(name, disk).computerName(computerName).ipAddress(privateIp).winrmPort(5985)
                .httpPort(80).httpAddress(address).bootDelay(config.bootDelay()).patchEffects(config.patches())
                .afdWarningAfter(config.afdWarningAfter()).programs(config.programs()).build();
        // the subscription's image is the base without the provisioning's SChannel keys (2008 R2's default): its listener
        // offers TLS 1.0 only until Run Command's script has set them and the VM has booted again
        dev.reprolab.sim.guest.GuestDefect.TLS12_OFF.apply(guest);
        ArmVm vm = new ArmVm(nsg, id, name, guest, address, os.get("adminUsername").asText(), os.get("adminPassword").asText());
        guest.powerListener(new SimGuest.PowerListener() {
            @Override
            public void offline() {
                WsmanServer s = vm.https;
                if (s != null) {
                    s.goOffline();
                }
            }

            @Override
            public void online() {
                WsmanServer s = vm.https;
                if (s != null && nsg.admits(vm, 5986)) {
                    s.goOnline();
                }
            }
        });
        String osDiskName = props.path("storageProfile").path("osDisk").path("name")
                .asText(name + "_OsDisk_1_" + UUID.randomUUID().toString().replace("-", ""));
        String diskId = store.id(group, "Microsoft.Compute/disks", osDiskName);
        ObjectNode r = store.resource(id, "Microsoft.Compute/virtualMachines", name, body.get("location").asText(), body.get("tags"));
        ObjectNode p = (ObjectNode) r.get("properties");
        p.put("vmId", UUID.randomUUID().toString());
        p.set("hardwareProfile", props.path("hardwareProfile").deepCopy());
        ObjectNode sp = p.putObject("storageProfile");
        sp.putObject("imageReference").put("id", imageId);
        ObjectNode osd = sp.putObject("osDisk");
        osd.put("osType", "Windows").put("name", osDiskName).put("createOption", "FromImage").put("caching", "ReadWrite")
                .put("diskSizeGB", 127);
        osd.putObject("managedDisk").put("id", diskId).put("storageAccountType",
                props.path("storageProfile").path("osDisk").path("managedDisk").path("storageAccountType").asText("StandardSSD_LRS"));
        ObjectNode op = p.putObject("osProfile");
        op.put("computerName", computerName).put("adminUsername", vm.username);
        op.putObject("windowsConfiguration").put("provisionVMAgent", true).put("enableAutomaticUpdates", false);
        op.put("allowExtensionOperations", true);
        p.set("networkProfile", props.path("networkProfile").deepCopy());
        p.put("provisioningState", "Succeeded");
        // the OS disk is created with the VM; like on Azure it carries none of the VM's tags
        ObjectNode d = store.resource(diskId, "Microsoft.Compute/disks", osDiskName, r.get("location").asText(), null);
        d.put("managedBy", id);
        ObjectNode dp = (ObjectNode) d.get("properties");
        dp.put("osType", "Windows").put("diskSizeGB", 127).put("diskState", "Attached").put("provisioningState", "Succeeded");
        dp.putObject("creationData").put("createOption", "FromImage").putObject("imageReference").put("id", imageId);
        vm.osDiskId = diskId;
        synchronized (store) {
            store.resources.put(id.toLowerCase(Locale.ROOT), r);
            store.resources.put(diskId.toLowerCase(Locale.ROOT), d);
            store.contents.put(diskId.toLowerCase(Locale.ROOT), new DiskContent(vm, Optional.empty()));
            store.vms.put(id.toLowerCase(Locale.ROOT), vm);
        }
        ops.accepted(ex, 201, store.creating(r, true), false, apiVersion, () -> {
            guest.powerOn();
            vm.awaitBooted(config.bootDelay().plusSeconds(60));
            return null;
        });
    }

    void vmUpdate(HttpExchange ex, String group, String name, String id, ObjectNode r, JsonNode body,
                          String apiVersion) throws IOException {
        ArmVm vm;
        synchronized (store) {
            vm = store.vms.get(id.toLowerCase(Locale.ROOT));
        }
        JsonNode wantDisk = body.path("properties").path("storageProfile").path("osDisk");
        String newDiskId = wantDisk.path("managedDisk").path("id").asText(null);
        synchronized (store) {
            if (body.has("tags")) {
                r.set("tags", body.get("tags").deepCopy());
            }
            if (newDiskId != null && !newDiskId.equalsIgnoreCase(vm.osDiskId)) {
                if (!vm.deallocated) {
                    throw ArmError.notAllowed("The OS disk of virtual machine '" + name
                            + "' can only be swapped while the VM is deallocated.");
                }
                ObjectNode newDisk = store.require(newDiskId, "virtual machine " + name);
                if (newDisk.path("managedBy").isTextual()) {
                    throw ArmError.notAllowed("Disk " + newDisk.get("name").asText() + " is attached to VM "
                            + newDisk.get("managedBy").asText() + ".");
                }
                DiskContent wanted = store.contents.get(newDiskId.toLowerCase(Locale.ROOT));
                if (wanted == null || wanted.owner() != vm || wanted.checkpoint().isEmpty()) {
                    throw ArmError.invalid("The simulated subscription attaches a disk only to the VM its contents came from.");
                }
                ObjectNode oldDisk = store.find(vm.osDiskId);
                if (oldDisk != null) {
                    store.contents.put(vm.osDiskId.toLowerCase(Locale.ROOT), store.freeze(new DiskContent(vm, Optional.empty()), oldDisk.get("name").asText()));
                    oldDisk.remove("managedBy");
                    ((ObjectNode) oldDisk.get("properties")).put("diskState", "Unattached");
                }
                vm.guest.restore(wanted.checkpoint().get());
                if (vm.guest.powerState() != SimVm.PowerState.OFF) {
                    vm.guest.turnOff();
                }
                store.contents.put(newDiskId.toLowerCase(Locale.ROOT), new DiskContent(vm, Optional.empty()));
                newDisk.put("managedBy", id);
                ((ObjectNode) newDisk.get("properties")).put("diskState", "Reserved");
                vm.osDiskId = newDisk.get("id").asText();
                ObjectNode osd = (ObjectNode) r.get("properties").get("storageProfile").get("osDisk");
                osd.put("name", newDisk.get("name").asText());
                osd.put("createOption", "Attach");
                ((ObjectNode) osd.get("managedDisk")).put("id", vm.osDiskId);
            }
        }
        ops.accepted(ex, 200, store.creating(r, false), false, apiVersion, () -> null);
    }

    ArmVm requireVm(String group, String name) {
        String id = store.id(store.requireGroup(group).get("name").asText(), "Microsoft.Compute/virtualMachines", name);
        synchronized (store) {
            ArmVm vm = store.vms.get(id.toLowerCase(Locale.ROOT));
            if (vm == null) {
                throw ArmError.notFound("Microsoft.Compute/virtualMachines", name, group);
            }
            return vm;
        }
    }

    void setDiskState(ArmVm vm, String state) {
        synchronized (store) {
            ObjectNode d = store.find(vm.osDiskId);
            if (d != null) {
                ((ObjectNode) d.get("properties")).put("diskState", state);
            }
        }
    }

    void vmAction(HttpExchange ex, String method, String group, String name, String action, JsonNode body) throws IOException {
        ArmVm vm = requireVm(group, name);
        String api = query(ex.getRequestURI().getRawQuery()).get("api-version");
        if (method.equals("GET") && action.equalsIgnoreCase("instanceView")) {
            send(ex, 200, instanceView(vm), Map.of());
            return;
        }
        if (!method.equals("POST")) {
            throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "start" -> ops.accepted(ex, 202, null, true, api, () -> {
                vm.deallocated = false;
                setDiskState(vm, "Attached");
                vm.guest.powerOn();
                vm.awaitBooted(config.bootDelay().plusSeconds(60));
                return null;
            });
            case "deallocate" -> ops.accepted(ex, 202, null, true, api, () -> {
                vm.guest.turnOff();
                vm.deallocated = true;
                setDiskState(vm, "Reserved");
                return null;
            });
            case "poweroff" -> ops.accepted(ex, 202, null, true, api, () -> {
                vm.guest.turnOff();
                return null;
            });
            case "runcommand" -> {
                if (!"RunPowerShellScript".equals(body.path("commandId").asText())) {
                    throw ArmError.invalid("The command '" + body.path("commandId").asText() + "' is not supported for OS type 'Windows'.");
                }
                if (vm.guest.powerState() != SimVm.PowerState.RUNNING) {
                    throw new ArmError(409, "OperationNotAllowed", "Operation 'RunCommand' is not allowed since the VM is not running.");
                }
                StringBuilder script = new StringBuilder();
                body.path("script").forEach(l -> script.append(l.asText()).append("\r\n"));
                ops.accepted(ex, 202, null, true, api, () -> runCommand(vm, script.toString()));
            }
            default -> throw new ArmError(404, "NotFound", "No action '" + action + "' on virtual machines.");
        }
    }

    ObjectNode instanceView(ArmVm vm) {
        ObjectNode v = JSON.createObjectNode();
        v.put("computerName", vm.guest.computerName());
        v.put("osName", "Windows Server 2008 R2 Datacenter");
        v.put("osVersion", "6.1.7601.24214");
        ArrayNode statuses = v.putArray("statuses");
        statuses.addObject().put("code", "ProvisioningState/succeeded").put("level", "Info").put("displayStatus", "Provisioning succeeded");
        String power = switch (vm.guest.powerState()) {
            case RUNNING -> "running";
            case STARTING -> "starting";
            case STOPPING -> "stopping";
            case OFF, SAVED -> vm.deallocated ? "deallocated" : "stopped";
        };
        statuses.addObject().put("code", "PowerState/" + power).put("level", "Info")
                .put("displayStatus", "VM " + power);
        return v;
    }

    JsonNode runCommand(ArmVm vm, String script) throws Exception {
        String stdout;
        String stderr;
        if (script.contains(SimArm.WINRM_SCRIPT_MARKER)) {
            // the script's SChannel part runs through the guest's own reg.exe, as on the VM
            boolean tlsChanged = false;
            if (script.contains(SCHANNEL_TLS12 + "\\$side")) {
                for (String side : List.of("Server", "Client")) {
                    String key = "\"HKLM\\" + SCHANNEL_TLS12 + "\\" + side + "\"";
                    for (String[] v : new String[][] {{"Enabled", "1"}, {"DisabledByDefault", "0"}}) {
                        Ran now = exec(vm, "reg", List.of("query", key, "/v", v[0]));
                        if (!now.stdout().matches("(?s).*REG_DWORD\\s+0x" + v[1] + "\\b.*")) {
                            Ran add = exec(vm, "reg", List.of("add", key, "/v", v[0], "/t", "REG_DWORD", "/d", v[1], "/f"));
                            if (add.exitCode() != 0) {
                                throw new ArmError(409, "VMExtensionProvisioningError", "reg add " + key + " " + v[0] + " failed");
                            }
                            tlsChanged = true;
                        }
                    }
                }
            }
            WsmanServer s = vm.enableHttps();
            StringBuilder out = new StringBuilder("Listener: Transport=HTTPS Address=* Port=5986\r\n"
                    + "Firewall: rule \"WinRM HTTPS (5986)\" added\r\n"
                    + "Thumbprint: " + s.certificateThumbprint().orElseThrow() + "\r\n"
                    + "CertificateSha256: " + s.certificateSha256().orElseThrow().toUpperCase(Locale.ROOT) + "\r\n");
            // the keys take effect at the next boot (SChannel reads them when it loads)
            out.append(tlsChanged ? "SChannel: TLS 1.2 enabled (Server, Client); takes effect at the next boot\r\n"
                    : "SChannel: TLS 1.2 already enabled\r\n");
            stdout = out.toString();
            stderr = "";
        } else {
            String encoded = java.util.Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            Ran r = exec(vm, "powershell", List.of("-NoProfile", "-NonInteractive", "-EncodedCommand", encoded));
            stdout = r.stdout();
            stderr = r.stderr();
        }
        ObjectNode result = JSON.createObjectNode();
        ArrayNode value = result.putArray("value");
        value.addObject().put("code", "ComponentStatus/StdOut/succeeded").put("level", "Info")
                .put("displayStatus", "Provisioning succeeded").put("message", stdout);
        value.addObject().put("code", "ComponentStatus/StdErr/succeeded").put("level", "Info")
                .put("displayStatus", "Provisioning succeeded").put("message", stderr);
        return result;
    }

    /** The key the script sets TLS 1.2's values under (below HKLM), per side. */
    static final String SCHANNEL_TLS12 = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2";

    private record Ran(String stdout, String stderr, int exitCode) {
    }

    /** Runs a command line on the guest through cmd.exe as the VM agent does (arguments quoted by the caller). */
    private static Ran exec(ArmVm vm, String program, List<String> args) throws Exception {
        var cmd = vm.guest.start(new dev.reprolab.sim.winrm.ShellRequest(program, args, false, 437, vm.username, "runcommand"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Instant until = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            var o = cmd.next(Duration.ofMillis(200));
            out.write(o.stdout());
            err.write(o.stderr());
            if (o.done()) {
                return new Ran(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), o.exitCode());
            }
            if (Instant.now().isAfter(until)) {
                throw new ArmError(409, "VMAgentStatusCommunicationError", "Run command extension execution timed out.");
            }
            if (vm.guest.powerState() != SimVm.PowerState.RUNNING) {
                // the VM went down under the script (a restart): its agent never reports this command's end
                throw new ArmError(409, "VMAgentStatusCommunicationError", "The VM agent lost the command: the VM restarted.");
            }
        }
    }
}
