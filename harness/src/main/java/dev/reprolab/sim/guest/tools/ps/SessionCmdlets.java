package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The session: Invoke-Expression, Get-Command, Set-StrictMode, execution policy, modules (ServerManager is the
 * one 2008 R2 ships that the lab uses), variables, aliases, locations, Get-Host.
 */
final class SessionCmdlets {

    private SessionCmdlets() {
    }

    static final List<String> MODULES = List.of("ServerManager", "BitsTransfer", "PSDiagnostics", "TroubleshootingPack",
            "AppLocker", "BestPractices");

    static void register(Cmdlets c) {
        c.add("Invoke-Expression", "Command@0", SessionCmdlets::iex);
        c.add("Get-Command", "Name@0,CommandType=Type,Module,Noun,Verb,Syntax!,TotalCount,ArgumentList", SessionCmdlets::getCommand);
        c.add("Set-StrictMode", "Version,Off!", x -> x.session.strictMode = !x.sw("Off"));
        c.add("Get-ExecutionPolicy", "Scope,List!", x -> x.out(new PsEnum("Microsoft.PowerShell.ExecutionPolicy", x.session.executionPolicy, 0)));
        c.add("Set-ExecutionPolicy", "ExecutionPolicy@0,Scope,Force!,?", SessionCmdlets::setPolicy);
        c.add("Import-Module", "Name@0,Force!,PassThru!,Prefix,Function,Cmdlet,Variable,Alias,Global!,AsCustomObject!,Version,ArgumentList",
                SessionCmdlets::importModule);
        c.add("Get-Module", "Name@0,ListAvailable!,All!", SessionCmdlets::getModule);
        c.add("Remove-Module", "Name@0,Force!,?", x -> x.list("Name").forEach(n -> x.session.modules.remove(PsConvert.str(n).toLowerCase(Locale.ROOT))));
        c.add("Get-Variable", "Name@0,ValueOnly!,Include,Exclude,Scope", SessionCmdlets::getVariable);
        c.add("Set-Variable", "Name@0,Value@1,Include,Exclude,Description,Option,Force!,Visibility,PassThru!,Scope,?", x -> setVariable(x, false));
        c.add("New-Variable", "Name@0,Value@1,Description,Option,Force!,Visibility,PassThru!,Scope,?", x -> setVariable(x, true));
        c.add("Remove-Variable", "Name@0,Include,Exclude,Force!,Scope,?", x -> x.list("Name").forEach(n -> {
            if (!x.scope.remove(PsConvert.str(n))) {
                x.error(x.err("Cannot find a variable with name '" + n + "'.", "ObjectNotFound: (" + n + ":String) [Remove-Variable],"
                        + " ItemNotFoundException", "VariableNotFound"));
            }
        }));
        c.add("Clear-Variable", "Name@0,Include,Exclude,Force!,PassThru!,Scope,?", x -> x.list("Name").forEach(n -> x.scope.set(PsConvert.str(n), null)));
        c.add("Set-Alias", "Name@0,Value@1,Description,Option,PassThru!,Scope,Force!,?", SessionCmdlets::setAlias);
        c.add("New-Alias", "Name@0,Value@1,Description,Option,PassThru!,Scope,Force!,?", SessionCmdlets::setAlias);
        c.add("Get-Alias", "Name@0,Exclude,Scope,Definition", SessionCmdlets::getAlias);
        c.add("Get-Location", "PSProvider,PSDrive,Stack!,StackName", x -> x.out(PathInfo.of(x.session.location)));
        c.add("Set-Location", "Path@0=PSPath,LiteralPath,PassThru!,StackName", SessionCmdlets::setLocation);
        c.add("Push-Location", "Path@0=PSPath,LiteralPath,PassThru!,StackName", x -> {
            x.session.global.setLocal("__location_stack_" + x.session.locationStack.size(), x.session.location);
            x.session.locationStack.push(x.session.location);
            if (x.has("Path")) {
                setLocation(x);
            }
        });
        c.add("Pop-Location", "PassThru!,StackName", x -> {
            if (!x.session.locationStack.isEmpty()) {
                x.session.location = x.session.locationStack.pop();
            }
        });
        c.add("Get-Host", "", x -> x.out(x.session.global.get("Host")));
        c.add("Get-Culture", "", x -> x.out(cultureObject()));
        c.add("Get-UICulture", "", x -> x.out(cultureObject()));
        c.add("Clear-Host", "", x -> { });
        c.add("Get-PSSnapin", "Name@0,Registered!", x -> { });
        c.add("Add-PSSnapin", "Name@0,PassThru!", x -> {
            for (Object n : x.list("Name")) {
                x.error(x.err("The Windows PowerShell snap-in '" + n + "' is not installed on this machine.", "InvalidArgument: ("
                        + n + ":String) [Add-PSSnapin], PSArgumentException", "AddPSSnapInRead"));
            }
        });
        c.add("Get-History", "Id@0,Count@1", x -> { });
    }

    private static PsObject cultureObject() {
        PsObject o = new PsObject("System.Globalization.CultureInfo");
        o.put("LCID", 1033);
        o.put("Name", "en-US");
        o.put("DisplayName", "English (United States)");
        o.defaultDisplay = List.of("LCID", "Name", "DisplayName");
        o.toStringValue = "en-US";
        return o;
    }

    private static void iex(CmdletCall c) {
        String text = c.has("Command") ? c.str("Command") : c.input == null || c.input.isEmpty() ? null : PsConvert.str(c.input.get(0));
        if (text == null) {
            throw c.err("Cannot bind argument to parameter 'Command' because it is null.", "InvalidData: (:) [Invoke-Expression],"
                    + " ParameterBindingValidationException", "ParameterArgumentValidationErrorNullNotAllowed");
        }
        Ast.ScriptBlock sb;
        try {
            sb = Parser.parse(text);
        } catch (PsError e) {
            e.source = text;
            throw e.moveTo(e.position());
        }
        String saved = c.session.source;
        c.session.source = text;
        try {
            c.ev.invoke(sb, c.scope, true, List.of(), java.util.Map.of(), null, false, c::outAll);
        } finally {
            c.session.source = saved;
        }
    }

    private static void getCommand(CmdletCall c) {
        List<Object> names = c.list("Name");
        List<Cmdlets.Def> defs = new ArrayList<>(c.session.cmdlets.all());
        defs.removeIf(d -> c.session.cmdlets.find(d.name(), c.session) == null);
        defs.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        if (names.isEmpty()) {
            defs.forEach(d -> c.out(commandInfo(d.name(), "Cmdlet", syntax(d))));
            return;
        }
        for (Object n : names) {
            String pattern = PsConvert.str(n);
            boolean found = false;
            String alias = c.session.cmdlets.aliases().get(pattern.toLowerCase(Locale.ROOT));
            if (alias != null && !Wildcard.hasWildcard(pattern)) {
                c.out(commandInfo(pattern.toLowerCase(Locale.ROOT), "Alias", alias));
                continue;
            }
            Scope.Function f = c.scope.function(pattern);
            if (f != null) {
                c.out(commandInfo(f.name(), f.filter() ? "Filter" : "Function", f.body().text()));
                continue;
            }
            for (Cmdlets.Def d : defs) {
                if (Wildcard.matches(pattern, d.name(), true)) {
                    c.out(commandInfo(d.name(), "Cmdlet", syntax(d)));
                    found = true;
                }
            }
            if (!found && !Wildcard.hasWildcard(pattern)) {
                String exe = pattern.toLowerCase(Locale.ROOT).endsWith(".exe") ? pattern : pattern + ".exe";
                try {
                    Integer rc = c.session.host.external(exe + " /?", l -> { }, l -> { });
                    if (rc != null) {
                        c.out(commandInfo(exe.toLowerCase(Locale.ROOT), "Application", "C:\\Windows\\system32\\" + exe.toLowerCase(Locale.ROOT)));
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PsInterpreter.Stopped();
                }
                c.error(c.err("The term '" + pattern + "' is not recognized as the name of a cmdlet, function, script file, or operable"
                        + " program. Check the spelling of the name, or if a path was included, verify that the path is correct and"
                        + " try again.", "ObjectNotFound: (" + pattern + ":String) [Get-Command], CommandNotFoundException",
                        "CommandNotFoundException"));
            }
        }
    }

    private static String syntax(Cmdlets.Def d) {
        StringBuilder sb = new StringBuilder(d.name());
        for (Cmdlets.Param p : d.params()) {
            sb.append(p.position() >= 0 ? " [[-" : " [-").append(p.name()).append(p.position() >= 0 ? "]" : "")
                    .append(p.isSwitch() ? "]" : " <String>]");
        }
        return sb.append(" [-Verbose] [-Debug] [-ErrorAction <ActionPreference>] [-WarningAction <ActionPreference>]"
                + " [-ErrorVariable <String>] [-WarningVariable <String>] [-OutVariable <String>] [-OutBuffer <Int32>]").toString();
    }

    private static PsObject commandInfo(String name, String type, String definition) {
        PsObject o = new PsObject(type.equals("Cmdlet") ? "System.Management.Automation.CmdletInfo"
                : type.equals("Alias") ? "System.Management.Automation.AliasInfo" : type.equals("Application")
                ? "System.Management.Automation.ApplicationInfo" : "System.Management.Automation.FunctionInfo");
        o.typeNames.add(1, "System.Management.Automation.CommandInfo");
        o.put("CommandType", new PsEnum("System.Management.Automation.CommandTypes", type, 0));
        o.put("Name", name);
        o.put("Definition", definition);
        o.put("ModuleName", "");
        o.toStringValue = name;
        return o;
    }

    private static void setPolicy(CmdletCall c) {
        String p = c.str("ExecutionPolicy");
        for (String v : List.of("Unrestricted", "RemoteSigned", "AllSigned", "Restricted", "Default", "Bypass", "Undefined")) {
            if (v.equalsIgnoreCase(p)) {
                c.session.executionPolicy = v.equals("Default") || v.equals("Undefined") ? "Restricted" : v;
                return;
            }
        }
        throw c.err("Cannot bind parameter 'ExecutionPolicy'. Cannot convert value \"" + p + "\" to type"
                + " \"Microsoft.PowerShell.ExecutionPolicy\" due to invalid enumeration values. Specify one of the following enumeration"
                + " values and try again. The possible enumeration values are \"Unrestricted, RemoteSigned, AllSigned, Restricted,"
                + " Default, Bypass, Undefined\".", "InvalidArgument: (:) [Set-ExecutionPolicy], ParameterBindingException",
                "CannotConvertArgumentNoMessage");
    }

    private static void importModule(CmdletCall c) {
        for (Object n : c.list("Name")) {
            String name = PsConvert.str(n);
            String known = MODULES.stream().filter(m -> m.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                c.error(c.err("The specified module '" + name + "' was not loaded because no valid module file was found in any module"
                        + " directory.", "ResourceUnavailable: (" + name + ":String) [Import-Module], FileNotFoundException",
                        "Modules_ModuleNotFound"));
                continue;
            }
            c.session.modules.add(known.toLowerCase(Locale.ROOT));
            if (c.sw("PassThru")) {
                c.out(moduleInfo(known));
            }
        }
    }

    private static PsObject moduleInfo(String name) {
        PsObject o = new PsObject("System.Management.Automation.PSModuleInfo");
        o.put("ModuleType", "Manifest");
        o.put("Name", name);
        o.put("ExportedCommands", name.equals("ServerManager")
                ? new Object[] {"Add-WindowsFeature", "Get-WindowsFeature", "Remove-WindowsFeature"} : new Object[0]);
        o.put("Path", "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\" + name + "\\" + name + ".psd1");
        o.toStringValue = name;
        return o;
    }

    private static void getModule(CmdletCall c) {
        List<String> names = c.sw("ListAvailable") ? MODULES : c.session.modules.stream()
                .map(m -> MODULES.stream().filter(x -> x.equalsIgnoreCase(m)).findFirst().orElse(m)).toList();
        for (String m : names) {
            if (c.has("Name") && c.list("Name").stream().noneMatch(n -> Wildcard.matches(PsConvert.str(n), m, true))) {
                continue;
            }
            c.out(moduleInfo(m));
        }
    }

    private static void getVariable(CmdletCall c) {
        List<Object> names = c.list("Name");
        for (Object n : names.isEmpty() ? List.<Object>of("*") : names) {
            String pattern = PsConvert.str(n);
            if (!Wildcard.hasWildcard(pattern)) {
                if (!c.scope.defined(pattern)) {
                    c.error(c.err("Cannot find a variable with name '" + pattern + "'.", "ObjectNotFound: (" + pattern
                            + ":String) [Get-Variable], ItemNotFoundException", "VariableNotFound"));
                    continue;
                }
                emitVariable(c, c.scope.nameOf(pattern), c.scope.get(pattern));
                continue;
            }
            java.util.TreeMap<String, Object[]> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Scope s = c.scope; s != null; s = s.parent) {
                for (Object[] v : s.localVariables().values()) {
                    all.putIfAbsent((String) v[0], v);
                }
            }
            for (Object[] v : all.values()) {
                String name = (String) v[0];
                if (!name.startsWith("__") && Wildcard.matches(pattern, name, true)) {
                    emitVariable(c, name, v[1]);
                }
            }
        }
    }

    private static void emitVariable(CmdletCall c, String name, Object value) {
        if (c.sw("ValueOnly")) {
            c.out(value);
            return;
        }
        PsObject o = new PsObject("System.Management.Automation.PSVariable");
        o.put("Name", name);
        o.put("Value", value);
        o.put("Description", "");
        o.put("Options", "None");
        o.defaultDisplay = List.of("Name", "Value");
        c.out(o);
    }

    private static void setVariable(CmdletCall c, boolean create) {
        Object value = c.has("Value") ? c.get("Value") : c.input == null ? null : PsConvert.collapse(c.input);
        for (Object n : c.list("Name")) {
            String name = PsConvert.str(n);
            if (create && c.scope.localVariables().containsKey(name.toLowerCase(Locale.ROOT)) && !c.sw("Force")) {
                c.error(c.err("A variable with name '" + name + "' already exists.", "ResourceExists: (" + name
                        + ":String) [New-Variable], SessionStateException", "VariableAlreadyExists"));
                continue;
            }
            String scope = c.str("Scope");
            if (scope != null && (scope.equalsIgnoreCase("global") || scope.equalsIgnoreCase("script"))) {
                c.session.global.setLocal(name, value);
            } else {
                c.scope.set(name, value);
            }
        }
    }

    private static void setAlias(CmdletCall c) {
        c.session.global.setLocal("__alias_" + c.str("Name").toLowerCase(Locale.ROOT), c.str("Value"));
        c.session.cmdlets.alias(c.str("Name"), c.str("Value"));
    }

    private static void getAlias(CmdletCall c) {
        String pattern = c.has("Name") ? c.str("Name") : "*";
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(c.session.cmdlets.aliases());
        boolean found = false;
        for (var e : sorted.entrySet()) {
            if (Wildcard.matches(pattern, e.getKey(), true)) {
                c.out(commandInfo(e.getKey(), "Alias", e.getValue()));
                found = true;
            }
        }
        if (!found && !Wildcard.hasWildcard(pattern)) {
            c.error(c.err("This command cannot find a matching alias because alias with name '" + pattern + "' do not exist.",
                    "ObjectNotFound: (" + pattern + ":String) [Get-Alias], ItemNotFoundException", "ItemNotFoundException"));
        }
    }

    private static void setLocation(CmdletCall c) {
        Object p = c.has("Path") ? c.get("Path") : c.has("LiteralPath") ? c.get("LiteralPath") : PsConvert.str(c.session.global.get("HOME"));
        String text = PsConvert.str(p);
        if (Registry.isRegistryPath(text)) {
            c.session.location = text;
            return;
        }
        String path = c.path(p);
        if (!java.nio.file.Files.isDirectory(c.session.host.file(path))) {
            c.error(PsError.pathNotFound("Set-Location", path));
            return;
        }
        c.session.location = path;
        if (c.sw("PassThru")) {
            c.out(PathInfo.of(path));
        }
    }
}
