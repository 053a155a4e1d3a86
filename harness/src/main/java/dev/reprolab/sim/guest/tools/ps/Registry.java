package dev.reprolab.sim.guest.tools.ps;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Registry provider (HKLM:, HKCU:) over the guest's registry model: keys as items, values as item properties. */
final class Registry {

    private Registry() {
    }

    static boolean isRegistryPath(String p) {
        String l = p.toLowerCase(Locale.ROOT);
        return l.startsWith("hklm:") || l.startsWith("hkcu:") || l.startsWith("registry::") || l.startsWith("microsoft.powershell.core\\registry::");
    }

    /** HKLM:\SOFTWARE\X → HKEY_LOCAL_MACHINE\SOFTWARE\X. */
    static String key(String p) {
        String s = p;
        int i = s.indexOf("::");
        if (i >= 0) {
            s = s.substring(i + 2);
        }
        String l = s.toLowerCase(Locale.ROOT);
        if (l.startsWith("hklm:")) {
            s = "HKEY_LOCAL_MACHINE" + s.substring(5);
        } else if (l.startsWith("hkcu:")) {
            s = "HKEY_CURRENT_USER" + s.substring(5);
        }
        s = s.replace('/', '\\');
        while (s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace("\\\\", "\\");
    }

    private static String drivePath(String key) {
        if (key.startsWith("HKEY_LOCAL_MACHINE")) {
            return "HKLM:" + key.substring(18);
        }
        return "HKCU:" + key.substring(17);
    }

    static boolean exists(CmdletCall c, String p) {
        return c.session.host.registryValues(key(p)) != null;
    }

    static PsObject keyObject(CmdletCall c, String key) {
        Map<String, Object> values = c.session.host.registryValues(key);
        List<String> subs = c.session.host.registrySubkeys(key);
        PsObject o = new PsObject("Microsoft.Win32.RegistryKey");
        o.put("Name", key);
        o.put("PSChildName", key.substring(key.lastIndexOf('\\') + 1));
        o.put("PSPath", "Microsoft.PowerShell.Core\\Registry::" + key);
        o.put("SubKeyCount", subs.size());
        o.put("ValueCount", values == null ? 0 : values.size());
        o.put("Property", values == null ? new Object[0] : values.keySet().toArray());
        o.defaultDisplay = List.of("SubKeyCount", "ValueCount", "Property", "Name");
        o.toStringValue = key;
        o.methods.put("getvalue", a -> values == null ? null : values.get(PsConvert.str(a.get(0))));
        o.methods.put("getvaluenames", a -> values == null ? new Object[0] : values.keySet().toArray());
        o.methods.put("getsubkeynames", a -> subs.toArray());
        return o;
    }

    private static PsError notFound(CmdletCall c, String p) {
        String shown = drivePath(key(p));
        return new PsError(c.def.name() + " : Cannot find path '" + shown + "' because it does not exist.",
                "ObjectNotFound: (" + shown + ":String) [" + c.def.name() + "], ItemNotFoundException",
                "PathNotFound," + c.def.commandClass()).type("System.Management.Automation.ItemNotFoundException");
    }

    static void getItem(CmdletCall c, String p) {
        if (!exists(c, p)) {
            c.error(notFound(c, p));
            return;
        }
        c.out(keyObject(c, key(p)));
    }

    static void childItems(CmdletCall c, String p) {
        if (!exists(c, p)) {
            c.error(notFound(c, p));
            return;
        }
        String k = key(p);
        for (String sub : c.session.host.registrySubkeys(k)) {
            c.out(keyObject(c, k + "\\" + sub));
        }
    }

    static void newKey(CmdletCall c, String p) {
        if (!c.session.host.createRegistryKey(key(p))) {
            c.error(c.err("Requested registry access is not allowed.", "PermissionDenied: (:) [New-Item], SecurityException",
                    "System.Security.SecurityException"));
            return;
        }
        c.out(keyObject(c, key(p)));
    }

    static void removeKey(CmdletCall c, String p) {
        c.error(c.err("Requested registry access is not allowed.", "PermissionDenied: (:) [Remove-Item], SecurityException",
                "System.Security.SecurityException"));
    }

    static void getItemProperty(CmdletCall c) {
        String p = c.path(c.get("Path") == null ? c.get("LiteralPath") : c.get("Path"));
        String raw = PsConvert.str(c.get("Path") == null ? c.get("LiteralPath") : c.get("Path"));
        if (!isRegistryPath(raw)) {
            for (String path : ItemCmdlets.expand(c, c.get("Path"), true)) {
                c.out(ItemObjects.item(c.session, path, c.session.host.file(path)));
            }
            assert p != null;
            return;
        }
        String k = key(raw);
        Map<String, Object> values = c.session.host.registryValues(k);
        if (values == null) {
            c.error(notFound(c, raw));
            return;
        }
        PsObject o = new PsObject("System.Management.Automation.PSCustomObject");
        List<Object> names = c.list("Name");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (names.isEmpty() || names.stream().anyMatch(n -> PsConvert.str(n).equalsIgnoreCase(e.getKey()))) {
                o.put(e.getKey(), e.getValue());
            }
        }
        if (!names.isEmpty() && o.names().isEmpty()) {
            c.error(c.err("Property " + PsConvert.str(names.get(0)) + " does not exist at path " + drivePath(k) + ".",
                    "InvalidArgument: (" + PsConvert.str(names.get(0)) + ":String) [Get-ItemProperty], PSArgumentException",
                    "System.Management.Automation.PSArgumentException"));
            return;
        }
        o.put("PSPath", "Microsoft.PowerShell.Core\\Registry::" + k);
        o.put("PSParentPath", "Microsoft.PowerShell.Core\\Registry::" + k.substring(0, Math.max(0, k.lastIndexOf('\\'))));
        o.put("PSChildName", k.substring(k.lastIndexOf('\\') + 1));
        o.put("PSDrive", k.startsWith("HKEY_LOCAL_MACHINE") ? "HKLM" : "HKCU");
        o.put("PSProvider", "Microsoft.PowerShell.Core\\Registry");
        c.out(o);
    }

    static void setItemProperty(CmdletCall c) {
        String raw = PsConvert.str(c.get("Path"));
        if (!isRegistryPath(raw)) {
            throw c.err("Cannot use interface. The IDynamicPropertyCmdletProvider interface is not implemented by this provider.",
                    "NotImplemented: (:) [" + c.def.name() + "], PSNotSupportedException", "NotSupported");
        }
        if (!exists(c, raw)) {
            c.error(notFound(c, raw));
            return;
        }
        if (!c.session.host.setRegistryValue(key(raw), c.str("Name"), c.get("Value"))) {
            c.error(c.err("Requested registry access is not allowed.", "PermissionDenied: (:) [" + c.def.name() + "], SecurityException",
                    "System.Security.SecurityException"));
        }
    }
}
