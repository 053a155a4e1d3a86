package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of a simulated guest's registry that its programs and the harness read: keys by full path
 * ({@code HKEY_LOCAL_MACHINE\SYSTEM\...}, compared without regard to case, as Windows does), each with named values.
 * Part of the checkpointed state ({@link #copy()}).
 */
public final class Registry {

    public static final String HKLM = "HKEY_LOCAL_MACHINE";
    public static final String CRASH_CONTROL = HKLM + "\\SYSTEM\\CurrentControlSet\\Control\\CrashControl";
    public static final String SESSION_MANAGER = HKLM + "\\SYSTEM\\CurrentControlSet\\Control\\Session Manager";
    public static final String MEMORY_MANAGEMENT = SESSION_MANAGER + "\\Memory Management";
    public static final String AUTO_UPDATE = HKLM + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update";
    public static final String REBOOT_REQUIRED = AUTO_UPDATE + "\\RebootRequired";
    public static final String AU_POLICY = HKLM + "\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
    public static final String SYSTEM_POLICIES = HKLM + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";
    public static final String SCHANNEL_PROTOCOLS = HKLM + "\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";
    public static final String POWERSHELL_ENGINE = HKLM + "\\SOFTWARE\\Microsoft\\PowerShell\\1\\PowerShellEngine";
    public static final String CBS_REBOOT_PENDING = HKLM + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";

    /** A value: its name as written, its type ({@code REG_DWORD}, {@code REG_SZ}, {@code REG_MULTI_SZ}...) and data. */
    public record Value(String name, String type, String data) {
    }

    /** key path (upper case) → the key as written and its values by upper-case name. */
    private final TreeMap<String, Key> keys = new TreeMap<>();

    private static final class Key {
        final String path;
        final LinkedHashMap<String, Value> values = new LinkedHashMap<>();

        Key(String path) {
            this.path = path;
        }
    }

    private static String id(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** Expands {@code HKLM\} to {@code HKEY_LOCAL_MACHINE\} and drops a trailing backslash. */
    public static String canonical(String key) {
        String k = key.strip();
        if (k.regionMatches(true, 0, "HKLM\\", 0, 5) || k.equalsIgnoreCase("HKLM")) {
            k = HKLM + k.substring(4);
        }
        while (k.endsWith("\\")) {
            k = k.substring(0, k.length() - 1);
        }
        return k;
    }

    public boolean exists(String key) {
        return keys.containsKey(id(canonical(key)));
    }

    /** Creates the key and its parents (as {@code reg add} does). */
    public void createKey(String key) {
        String k = canonical(key);
        int i = k.indexOf('\\');
        while (i > 0) {
            String parent = k.substring(0, i);
            keys.computeIfAbsent(id(parent), x -> new Key(parent));
            i = k.indexOf('\\', i + 1);
        }
        keys.computeIfAbsent(id(k), x -> new Key(k));
    }

    public void set(String key, String name, String type, String data) {
        createKey(key);
        keys.get(id(canonical(key))).values.put(id(name), new Value(name, type, data));
    }

    public void setDword(String key, String name, long value) {
        set(key, name, "REG_DWORD", "0x" + Long.toHexString(value));
    }

    public Optional<Value> get(String key, String name) {
        Key k = keys.get(id(canonical(key)));
        return k == null ? Optional.empty() : Optional.ofNullable(k.values.get(id(name)));
    }

    /** A REG_DWORD's number. */
    public Optional<Long> dword(String key, String name) {
        return get(key, name).filter(v -> v.type().equals("REG_DWORD")).map(v -> Long.decode(v.data()));
    }

    public List<Value> values(String key) {
        Key k = keys.get(id(canonical(key)));
        return k == null ? List.of() : List.copyOf(k.values.values());
    }

    /** The key's direct subkeys, full paths as written. */
    public List<String> subkeys(String key) {
        String prefix = id(canonical(key)) + "\\";
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Key> e : keys.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getKey().indexOf('\\', prefix.length()) < 0) {
                out.add(e.getValue().path);
            }
        }
        return out;
    }

    public boolean deleteValue(String key, String name) {
        Key k = keys.get(id(canonical(key)));
        return k != null && k.values.remove(id(name)) != null;
    }

    /** Deletes the key and everything under it. */
    public boolean deleteKey(String key) {
        String k = id(canonical(key));
        boolean had = keys.remove(k) != null;
        keys.keySet().removeIf(p -> p.startsWith(k + "\\"));
        return had;
    }

    public Registry copy() {
        Registry r = new Registry();
        keys.forEach((id, k) -> {
            Key c = new Key(k.path);
            c.values.putAll(k.values);
            r.keys.put(id, c);
        });
        return r;
    }
}
