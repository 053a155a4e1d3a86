package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of cmdlets and aliases. Each cmdlet is a small unit registered by its group (items, pipeline,
 * output, system, WMI...) with a parameter spec: {@code "Path@0,Filter@1,Recurse!,Force!"} — {@code @N} a position,
 * {@code !} a switch, {@code =Alias} an alias, {@code ~} the cmdlet takes remaining positionals.
 */
final class Cmdlets {

    /** A cmdlet body. */
    @FunctionalInterface
    interface Body {
        void run(CmdletCall c);
    }

    record Param(String name, boolean isSwitch, int position, List<String> aliases, String typeName) {
    }

    record Def(String name, List<Param> params, Body body, String module, boolean takesRemaining, boolean supportsShouldProcess) {
        String commandClass() {
            String cls = name.replace("-", "") + "Command";
            return switch (module) {
                case "ServerManager" -> "Microsoft.Windows.ServerManager.Commands." + cls;
                default -> "Microsoft.PowerShell.Commands." + cls;
            };
        }
    }

    private final Map<String, Def> byName = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    static Cmdlets standard() {
        Cmdlets c = new Cmdlets();
        ItemCmdlets.register(c);
        ContentCmdlets.register(c);
        PipelineCmdlets.register(c);
        SelectCmdlets.register(c);
        OutputCmdlets.register(c);
        FormatCmdlets.register(c);
        ServiceCmdlets.register(c);
        SystemCmdlets.register(c);
        WmiCmdlets.register(c);
        SessionCmdlets.register(c);
        ObjectCmdlets.register(c);
        Aliases.register(c);
        return c;
    }

    void add(String name, String spec, Body body) {
        add(name, spec, "Microsoft.PowerShell", body);
    }

    void add(String name, String spec, String module, Body body) {
        List<Param> params = new ArrayList<>();
        boolean remaining = false;
        boolean should = false;
        for (String raw : spec.isEmpty() ? new String[0] : spec.split(",")) {
            String p = raw.trim();
            if (p.equals("~")) {
                remaining = true;
                continue;
            }
            if (p.equals("?")) {
                should = true;
                continue;
            }
            boolean sw = p.endsWith("!");
            if (sw) {
                p = p.substring(0, p.length() - 1);
            }
            List<String> al = new ArrayList<>();
            while (p.contains("=")) {
                al.add(p.substring(p.lastIndexOf('=') + 1));
                p = p.substring(0, p.lastIndexOf('='));
            }
            int position = -1;
            if (p.contains("@")) {
                position = Integer.parseInt(p.substring(p.indexOf('@') + 1));
                p = p.substring(0, p.indexOf('@'));
            }
            params.add(new Param(p, sw, position, al, sw ? "System.Management.Automation.SwitchParameter" : "System.String"));
        }
        Def d = new Def(name, params, body, module, remaining, should);
        byName.put(name.toLowerCase(Locale.ROOT), d);
    }

    void alias(String alias, String target) {
        aliases.put(alias.toLowerCase(Locale.ROOT), target);
    }

    /** The command an alias names (Set-Alias ones first), or the name itself. */
    String alias(String name, Scope scope) {
        Object user = scope.get("__alias_" + name.toLowerCase(Locale.ROOT));
        if (user != null) {
            return PsConvert.str(user);
        }
        return aliases.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** A cmdlet by name, if its module is loaded (ServerManager's need Import-Module). */
    Def find(String name, Session s) {
        Def d = byName.get(name.toLowerCase(Locale.ROOT));
        if (d == null && name.toLowerCase(Locale.ROOT).startsWith("microsoft.powershell.")) {
            d = byName.get(name.substring(name.indexOf('\\') + 1).toLowerCase(Locale.ROOT));
        }
        if (d != null && !d.module().startsWith("Microsoft.PowerShell") && !s.modules.contains(d.module().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return d;
    }

    List<Def> all() {
        return new ArrayList<>(byName.values());
    }
}
