package dev.reprolab.sim.hyperv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.winrm.PipedCommand;
import dev.reprolab.sim.winrm.RunningCommand;
import dev.reprolab.sim.winrm.ShellBackend;
import dev.reprolab.sim.winrm.ShellRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Hyper-V host (Server 2012 R2 or later, PowerShell ≥ 4 with the Hyper-V module) as the Hyper-V backend
 * reaches it: {@code powershell -NoProfile -NonInteractive -EncodedCommand ...} over WinRM. It understands the
 * statements in {@code package-info}; output is what {@code ConvertTo-Json -Compress} prints, errors are the
 * module's own texts with PowerShell's error layout on stderr and exit code 1.
 */
public final class SimHyperVHost implements ShellBackend {

    static final Charset OEM = Charset.forName("IBM437");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENCODED = Pattern.compile("(?i)^\"?powershell(?:\\.exe)?\\s+.*-EncodedCommand\\s+([A-Za-z0-9+/=]+)\"?$");

    private final List<SimVm> vms;
    /**
     * Hyper-V's CheckpointType per VM (5 Standard, 3 Production, 4 ProductionOnly, 2 Disabled); Production unless
     * set, the default of a Server 2016+ host.
     */
    private final java.util.Map<String, Integer> checkpointTypes = new java.util.concurrent.ConcurrentHashMap<>();

    public SimHyperVHost(List<SimVm> vms) {
        this.vms = List.copyOf(vms);
    }

    /** Sets a VM's checkpoint type as {@code Set-VM -CheckpointType} would (5 Standard, 3 Production). */
    public void checkpointType(String vm, int type) {
        checkpointTypes.put(vm.toLowerCase(Locale.ROOT), type);
    }

    @Override
    public RunningCommand start(ShellRequest request) {
        PipedCommand cmd = new PipedCommand();
        String line = request.commandLine().strip();
        Matcher m = ENCODED.matcher(line);
        try {
            if (!m.matches()) {
                String first = line.replace("\"", "").split("\\s+")[0];
                cmd.writeErr(("'" + first + "' is not recognized as an internal or external command,\r\n"
                        + "operable program or batch file.\r\n").getBytes(OEM));
                cmd.finish(9009);
                return cmd;
            }
            String script = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_16LE).strip();
            Matcher pref = PROGRESS_PREFERENCE.matcher(script);
            boolean progress = true;
            if (pref.lookingAt()) {
                progress = !pref.group(1).equalsIgnoreCase("SilentlyContinue");
                script = script.substring(pref.end()).strip();
            }
            Result r = execute(script);
            if (!r.stdout().isEmpty()) {
                cmd.writeOut((r.stdout() + "\r\n").getBytes(OEM));
            }
            // every cmdlet here autoloads the Hyper-V module in a fresh powershell.exe, which reports progress
            if (!r.stderr().isEmpty() || progress) {
                cmd.writeErr(clixml(r.stderr(), progress).getBytes(OEM));
            }
            cmd.finish(r.stderr().isEmpty() ? 0 : 1);
        } catch (RuntimeException e) {
            cmd.writeErr((e.getMessage() + "\r\n").getBytes(OEM));
            cmd.finish(1);
        }
        return cmd;
    }

    record Result(String stdout, String stderr) {
        static Result ok(String out) {
            return new Result(out, "");
        }
    }

    private static final Pattern PROGRESS_PREFERENCE = Pattern.compile("(?i)\\$ProgressPreference\\s*=\\s*['\"]?(\\w+)['\"]?\\s*;");

    /**
     * stderr as powershell.exe 5 writes it when its output is redirected (as under WinRM): {@code #< CLIXML} and the
     * serialized streams — the progress record of the module autoload unless $ProgressPreference silences it, then
     * each error line as an {@code <S S="Error">} string with CR LF escaped.
     */
    static String clixml(String errors, boolean progress) {
        StringBuilder b = new StringBuilder("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
        if (progress) {
            b.append("<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T>"
                    + "<T>System.Object</T></TN><MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for first use."
                    + "</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>");
        }
        for (String line : errors.split("\r\n", -1)) {
            if (!line.isEmpty()) {
                b.append("<S S=\"Error\">").append(dev.reprolab.remote.Clixml.escape(line + "\r\n")).append("</S>");
            }
        }
        return b.append("</Objs>").toString();
    }

    private static String arg(String script, String name) {
        Matcher m = Pattern.compile("(?i)-" + name + "\\s+'((?:[^']|'')*)'").matcher(script);
        return m.find() ? m.group(1).replace("''", "'") : null;
    }

    Result execute(String script) {
        String s = script.strip();
        String cmdlet = s.startsWith("(") ? s.substring(1).split("[\\s)]")[0] : s.split("\\s")[0];
        String lower = cmdlet.toLowerCase(Locale.ROOT);
        String vmName = Optional.ofNullable(arg(s, "Name")).orElse(arg(s, "VMName"));
        switch (lower) {
            case "get-vm" -> {
                ArrayNode arr = JSON.createArrayNode();
                for (SimVm vm : vms) {
                    if (vmName == null || vm.name().equalsIgnoreCase(vmName)) {
                        ObjectNode o = arr.addObject();
                        o.put("Name", vm.name());
                        o.put("State", state(vm.powerState()));
                        if (s.contains("CheckpointType")) {
                            o.remove("State");
                            if (s.contains("State")) {
                                o.put("State", state(vm.powerState()));
                            }
                            o.put("CheckpointType", checkpointType(vm));
                        }
                    }
                }
                if (vmName != null && arr.isEmpty()) {
                    return notFound("Get-VM", s, vmName);
                }
                return Result.ok(arr.size() == 1 ? arr.get(0).toString() : arr.toString());
            }
            case "start-vm", "stop-vm", "checkpoint-vm", "get-vmsnapshot", "restore-vmsnapshot", "remove-vmsnapshot",
                 "get-vmnetworkadapter" -> {
                String target = lower.endsWith("snapshot") || lower.equals("get-vmnetworkadapter") ? arg(s, "VMName") : arg(s, "Name");
                if (target == null) {
                    return new Result("", cmdlet + " : Cannot process command because of one or more missing mandatory parameters: "
                            + (lower.equals("checkpoint-vm") || lower.equals("start-vm") || lower.equals("stop-vm") ? "Name" : "VMName") + ".\r\n");
                }
                SimVm vm = vms.stream().filter(v -> v.name().equalsIgnoreCase(target)).findFirst().orElse(null);
                if (vm == null) {
                    return notFound(cmdlet, s, target);
                }
                return vmOperation(lower, cmdlet, s, vm);
            }
            case "$psversiontable.psversion.major" -> {
                return Result.ok("5");
            }
            case "get-module" -> {
                return Result.ok(s.contains("Hyper-V") ? "{\"Name\":\"Hyper-V\"}" : "");
            }
            default -> {
                return new Result("", cmdlet + " : The term '" + cmdlet + "' is not recognized as the name of a cmdlet, function, "
                        + "script file, or operable program. Check the spelling of the name, or if a path was included, verify that "
                        + "the path is correct and try again.\r\n" + position(s)
                        + "    + CategoryInfo          : ObjectNotFound: (" + cmdlet + ":String) [], CommandNotFoundException\r\n"
                        + "    + FullyQualifiedErrorId : CommandNotFoundException\r\n \r\n");
            }
        }
    }

    private Result vmOperation(String lower, String cmdlet, String s, SimVm vm) {
        switch (lower) {
            case "start-vm" -> {
                vm.powerOn();
                return Result.ok("");
            }
            case "stop-vm" -> {
                if (s.toLowerCase(Locale.ROOT).contains("-turnoff")) {
                    vm.turnOff();
                } else {
                    vm.shutDown();
                }
                return Result.ok("");
            }
            case "checkpoint-vm" -> {
                String name = arg(s, "SnapshotName");
                // Production checkpoints (3, 4) keep the disks only; a Standard one (5) the memory too
                vm.checkpoint(name == null ? vm.name() + " - (" + java.time.LocalDateTime.now() + ")" : name, checkpointType(vm) == 5);
                return Result.ok("");
            }
            case "get-vmsnapshot" -> {
                ArrayNode arr = JSON.createArrayNode();
                vm.checkpoints().forEach(c -> arr.addObject().put("Name", c));
                return Result.ok(arr.size() == 1 ? arr.get(0).toString() : arr.toString());
            }
            case "restore-vmsnapshot", "remove-vmsnapshot" -> {
                String name = arg(s, "Name");
                if (name == null || !vm.checkpoints().contains(name)) {
                    return new Result("", cmdlet + " : Hyper-V was unable to find a checkpoint named \"" + name
                            + "\" for virtual machine \"" + vm.name() + "\".\r\n" + position(s)
                            + "    + CategoryInfo          : InvalidArgument: (" + name + ":String) [" + cmdlet + "], VirtualizationInvalidArgumentException\r\n"
                            + "    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands." + commandClass(cmdlet) + "\r\n \r\n");
                }
                if (lower.startsWith("restore")) {
                    vm.restore(name);
                } else {
                    vm.removeCheckpoint(name);
                }
                return Result.ok("");
            }
            default -> {
                ArrayNode arr = JSON.createArrayNode();
                vm.ipAddress().ifPresent(ip -> {
                    arr.add(ip);
                    arr.add("fe80::" + Integer.toHexString(Math.abs(vm.name().hashCode()) & 0xffff) + ":1");
                });
                return Result.ok(arr.isEmpty() ? "" : arr.toString());
            }
        }
    }

    private int checkpointType(SimVm vm) {
        return checkpointTypes.getOrDefault(vm.name().toLowerCase(Locale.ROOT), 3);
    }

    /** Hyper-V's VMState values as ConvertTo-Json prints them (an enum serialises as its number). */
    static int state(SimVm.PowerState p) {
        return switch (p) {
            case RUNNING -> 2;
            case OFF -> 3;
            case STOPPING -> 4;
            case STARTING -> 10;
            case SAVED -> 6;
        };
    }

    private static Result notFound(String cmdlet, String script, String name) {
        return new Result("", cmdlet + " : Hyper-V was unable to find a virtual machine with name \"" + name + "\".\r\n"
                + position(script)
                + "    + CategoryInfo          : InvalidArgument: (" + name + ":String) [" + cmdlet + "], VirtualizationInvalidArgumentException\r\n"
                + "    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands." + commandClass(cmdlet) + "\r\n \r\n");
    }

    private static String commandClass(String cmdlet) {
        return cmdlet.replace("-", "") + "Command";
    }

    private static String position(String script) {
        String first = script.lines().findFirst().orElse("");
        return "At line:1 char:1\r\n+ " + first + "\r\n+ " + "~".repeat(Math.max(1, Math.min(first.length(), 60))) + "\r\n";
    }
}
