package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The cmdlets of the subset. Anything else is "not recognized", as on a 2008 R2 box without extra modules. */
final class PsCmdlets {

    /** A command-mode argument: a {@code -Name} switch/parameter (value may follow) or a positional value. */
    record Arg(String name, Object value, int end) {
    }

    private final PsHost host;

    PsCmdlets(PsHost host) {
        this.host = host;
    }

    /** Whether a name is one of the cmdlets (or aliases) of the subset; anything else is looked up as a program. */
    boolean knows(String name) {
        return KNOWN.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("new-object", "get-item", "gi", "test-path",
            "new-item", "ni", "remove-item", "rm", "del", "ri", "write-output", "echo", "write", "out-null",
            "get-wmiobject", "gwmi", "get-hotfix");

    List<Object> invoke(String name, List<Arg> args, List<Object> input) {
        Params p = new Params(args);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "new-object" -> List.of(newObject(p));
            case "get-item", "gi" -> List.of(item("Get-Item", path(p, "Path", "LiteralPath")));
            case "test-path" -> List.of(Files.exists(host.file(path(p, "Path", "LiteralPath"))));
            case "new-item", "ni" -> newItem(p);
            case "remove-item", "rm", "del", "ri" -> removeItem(p);
            case "write-output", "echo", "write" -> {
                List<Object> out = new ArrayList<>();
                for (Object v : p.positional()) {
                    PsValues.enumerateInto(v, out);
                }
                yield out;
            }
            case "out-null" -> List.of();
            case "get-wmiobject", "gwmi" -> wmi(PsValues.toStr(p.value("Class", 0)));
            case "get-hotfix" -> hotfixes();
            default -> throw PsError.notRecognized(name);
        };
    }

    private String path(Params p, String... names) {
        Object v = null;
        for (String n : names) {
            v = v != null ? v : p.named(n);
        }
        v = v != null ? v : p.positionalAt(0);
        if (v == null) {
            throw new PsError("Cannot bind argument to parameter 'Path' because it is null.",
                    "InvalidData: (:) [], ParameterBindingValidationException", "ParameterArgumentValidationError");
        }
        return WinPath.resolve(host.currentDirectory(), PsValues.toStr(v));
    }

    private Object newObject(Params p) {
        String type = PsValues.toStr(p.value("TypeName", 0));
        Object argList = p.named("ArgumentList");
        if (argList == null) {
            argList = p.positionalAt(1);
        }
        List<Object> ctorArgs = new ArrayList<>();
        if (argList instanceof Object[] arr) {
            ctorArgs.addAll(List.of(arr));
        } else if (argList != null) {
            ctorArgs.add(argList);
        }
        String t = PsValues.TypeRef.normalize(type);
        if (t.equals("byte[]")) {
            long n = ctorArgs.isEmpty() ? 0 : PsValues.toLong(ctorArgs.get(0));
            return new byte[(int) n];
        }
        if (t.equals("io.filestream")) {
            if (ctorArgs.size() < 2) {
                throw new PsError("New-Object : Cannot find an overload for \"FileStream\" and the argument count: \""
                        + ctorArgs.size() + "\".", "InvalidOperation: (:) [New-Object], MethodException",
                        "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand");
            }
            String path = WinPath.resolve(host.currentDirectory(), PsValues.toStr(ctorArgs.get(0)));
            try {
                return PsFileStream.open(path, host.file(path), PsValues.toStr(ctorArgs.get(1)),
                        ctorArgs.size() > 2 ? PsValues.toStr(ctorArgs.get(2)) : null, host::reserveDisk);
            } catch (PsFileStream.DotNetException e) {
                throw new PsError("New-Object : Exception calling \".ctor\" with \"" + ctorArgs.size()
                        + "\" argument(s): \"" + e.getMessage() + "\"",
                        "InvalidOperation: (:) [New-Object], MethodInvocationException",
                        "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand");
            }
        }
        throw new PsError("New-Object : Cannot find type [" + type + "]: make sure the assembly containing this type"
                + " is loaded.", "InvalidType: (:) [New-Object], PSArgumentException",
                "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand");
    }

    private PsObject item(String cmdlet, String path) {
        Path f = host.file(path);
        if (!Files.exists(f)) {
            throw PsError.pathNotFound(cmdlet, path);
        }
        return itemObject(path, f);
    }

    PsObject itemObject(String path, Path f) {
        boolean dir = Files.isDirectory(f);
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        if (dir) {
            return PsObject.of("System.IO.DirectoryInfo", "FullName", path, "Name", WinPath.name(path),
                    "PSIsContainer", true, "Exists", true, "LastWriteTime", modified, "Mode", "d----");
        }
        long length;
        try {
            length = Files.size(f);
        } catch (IOException e) {
            length = 0;
        }
        String version = host.fileVersion(path).orElse(null);
        PsObject versionInfo = PsObject.of("System.Diagnostics.FileVersionInfo", "FileVersion", version,
                "ProductVersion", version, "FileName", path);
        return PsObject.of("System.IO.FileInfo", "FullName", path, "Name", WinPath.name(path), "Length", length,
                "PSIsContainer", false, "Exists", true, "LastWriteTime", modified, "Mode", "-a---",
                "VersionInfo", versionInfo, "DirectoryName", WinPath.parent(path));
    }

    private List<Object> newItem(Params p) {
        String type = PsValues.toStr(p.named("ItemType")).toLowerCase(Locale.ROOT);
        String path = path(p, "Path");
        Path f = host.file(path);
        boolean force = p.has("Force");
        try {
            if (type.equals("directory")) {
                if (Files.exists(f) && !force) {
                    throw new PsError("New-Item : Item with specified name " + path + " already exists.",
                            "ResourceExists: (" + path + ":String) [New-Item], IOException",
                            "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand");
                }
                Files.createDirectories(f);
            } else {
                if (Files.exists(f) && !force) {
                    throw new PsError("New-Item : The file '" + path + "' already exists.",
                            "WriteError: (" + path + ":String) [New-Item], IOException",
                            "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand");
                }
                if (!Files.isDirectory(f.getParent())) {
                    throw new PsError("New-Item : Could not find a part of the path '" + path + "'.",
                            "WriteError: (" + path + ":String) [New-Item], DirectoryNotFoundException",
                            "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand");
                }
                Object value = p.named("Value");
                Files.writeString(f, value == null ? "" : PsValues.toStr(value));
            }
        } catch (IOException e) {
            throw new PsError("New-Item : " + PsFileStream.DotNetException.of(e).getMessage(),
                    "WriteError: (" + path + ":String) [New-Item], IOException",
                    "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand");
        }
        return List.of(itemObject(path, f));
    }

    private List<Object> removeItem(Params p) {
        String path = path(p, "Path", "LiteralPath");
        Path f = host.file(path);
        if (!Files.exists(f)) {
            throw PsError.pathNotFound("Remove-Item", path);
        }
        try {
            if (Files.isDirectory(f)) {
                try (Stream<Path> children = Files.list(f)) {
                    if (children.findAny().isPresent() && !p.has("Recurse")) {
                        // Without -Recurse PowerShell asks for confirmation, which -NonInteractive refuses.
                        throw new PsError("Remove-Item : Windows PowerShell is in NonInteractive mode. Read and"
                                + " Prompt functionality is not available.",
                                "InvalidOperation: (:) [Remove-Item], PSInvalidOperationException",
                                "InvalidOperation,Microsoft.PowerShell.Commands.RemoveItemCommand");
                    }
                }
                try (Stream<Path> all = Files.walk(f)) {
                    for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(x);
                    }
                }
            } else {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new PsError("Remove-Item : Cannot remove item " + path + ": " + e.getMessage(),
                    "WriteError: (" + path + ":FileInfo) [Remove-Item], IOException",
                    "RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand");
        }
        return List.of();
    }

    private List<Object> wmi(String cls) {
        switch (cls.toLowerCase(Locale.ROOT)) {
            case "win32_operatingsystem" -> {
                return List.of(PsObject.of("System.Management.ManagementObject#root\\cimv2\\Win32_OperatingSystem",
                        "SystemDirectory", "C:\\Windows\\system32", "Organization", "", "BuildNumber", "7601",
                        "RegisteredUser", "Windows User", "SerialNumber", "55041-507-9857321-84191",
                        "Version", "6.1.7601", "Caption", "Microsoft Windows Server 2008 R2 Standard ",
                        "CSDVersion", "Service Pack 1", "LastBootUpTime", host.lastBootUpTimeWmi(),
                        "CSName", host.computerName()));
            }
            case "win32_quickfixengineering" -> {
                return hotfixes();
            }
            default -> throw new PsError("Get-WmiObject : Invalid class ", "InvalidOperation: (:) [Get-WmiObject],"
                    + " ManagementException", "GetWMIManagementException,"
                    + "Microsoft.PowerShell.Commands.GetWmiObjectCommand");
        }
    }

    private List<Object> hotfixes() {
        List<Object> rows = new ArrayList<>();
        for (PsHost.HotFixRow h : host.hotfixes()) {
            rows.add(PsObject.of("System.Management.ManagementObject#root\\cimv2\\Win32_QuickFixEngineering",
                    "Source", host.computerName(), "Description", h.description(), "HotFixID", h.hotFixId(),
                    "InstalledBy", h.installedBy(), "InstalledOn", h.installedOn()));
        }
        return rows;
    }

    /** Parameter binding by name (prefix match, as PowerShell allows unambiguous prefixes) and position. */
    private record Params(List<Arg> args) {

        boolean has(String name) {
            return args.stream().anyMatch(a -> a.name() != null && matches(a.name(), name));
        }

        /** A named parameter's value: the explicit {@code -Name:value} or the next positional argument. */
        Object named(String name) {
            for (int i = 0; i < args.size(); i++) {
                Arg a = args.get(i);
                if (a.name() != null && matches(a.name(), name)) {
                    if (a.value() != null) {
                        return a.value();
                    }
                    if (i + 1 < args.size() && args.get(i + 1).name() == null) {
                        return args.get(i + 1).value();
                    }
                }
            }
            return null;
        }

        Object value(String name, int position) {
            Object v = named(name);
            return v != null ? v : positionalAt(position);
        }

        /** Positional arguments: those not consumed as a named parameter's value. */
        List<Object> positional() {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                Arg a = args.get(i);
                if (a.name() != null) {
                    if (a.value() == null && takesValue(a.name()) && i + 1 < args.size()
                            && args.get(i + 1).name() == null) {
                        i++;
                    }
                    continue;
                }
                out.add(a.value());
            }
            return out;
        }

        Object positionalAt(int index) {
            List<Object> pos = positional();
            return index < pos.size() ? pos.get(index) : null;
        }

        private static boolean takesValue(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return !(n.equals("force") || n.equals("recurse") || n.startsWith("confirm"));
        }

        private static boolean matches(String given, String full) {
            return full.toLowerCase(Locale.ROOT).startsWith(given.toLowerCase(Locale.ROOT));
        }
    }
}
