package dev.reprolab.sim.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** {@code reg query|add|delete} over the guest's {@link Registry}, with reg.exe's texts and exit codes. */
final class RegProgram implements GuestProgram {

    static final String NOT_FOUND = "ERROR: The system was unable to find the specified registry key or value.\r\n";
    static final String SYNTAX = "ERROR: Invalid syntax.\r\nType \"REG %s /?\" for usage.\r\n";

    @Override
    public List<String> names() {
        return List.of("reg", "reg.exe");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        if (a.size() < 2) {
            c.err("ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n");
            return 1;
        }
        String op = a.get(0).toUpperCase(Locale.ROOT);
        String key = Registry.canonical(a.get(1));
        if (!key.toUpperCase(Locale.ROOT).startsWith(Registry.HKLM)) {
            c.err("ERROR: Invalid key name.\r\nType \"REG " + op + " /?\" for usage.\r\n");
            return 1;
        }
        String value = option(a, "/v");
        boolean force = a.stream().anyMatch(x -> x.equalsIgnoreCase("/f"));
        if (!force && (op.equals("ADD") || op.equals("DELETE"))) {
            boolean exists;
            synchronized (SettingsPrograms.lock(c)) {
                Registry r = SettingsPrograms.settings(c).registry;
                exists = value == null ? op.equals("DELETE") && r.exists(key) : r.get(key, value).isPresent();
            }
            // reg asks before it overwrites or deletes; the guest must not stand still while it waits for an answer
            if (exists) {
                String prompt = op.equals("ADD") ? "Value " + value + " exists, overwrite(Yes/No)? "
                        : value == null ? "Permanently delete the registry key " + key + " (Yes/No)? "
                        : "Delete the registry value " + value + " (Yes/No)? ";
                if (!confirm(c, prompt)) {
                    c.out("The operation was canceled by the user.\r\n\r\n");
                    return 0;
                }
            }
            force = true;
        }
        synchronized (SettingsPrograms.lock(c)) {
            Registry r = SettingsPrograms.settings(c).registry;
            return switch (op) {
                case "QUERY" -> query(c, r, key, value);
                case "ADD" -> add(c, r, key, value, option(a, "/t"), option(a, "/d"), force);
                case "DELETE" -> delete(c, r, key, value, force);
                default -> {
                    c.err("ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n");
                    yield 1;
                }
            };
        }
    }

    private static String option(List<String> a, String name) {
        for (int i = 2; i + 1 < a.size(); i++) {
            if (a.get(i).equalsIgnoreCase(name)) {
                return a.get(i + 1);
            }
        }
        return null;
    }

    private static int query(ProgramCall c, Registry r, String key, String value) {
        // the servicing stack's flag: the key exists while packages wait for a reboot
        if (key.equalsIgnoreCase(Registry.CBS_REBOOT_PENDING) && !c.os().stagedUpdates().isEmpty()) {
            c.out("\r\n" + Registry.CBS_REBOOT_PENDING + "\r\n    {5A3A1C9B-0D2E-4C4F-9E6B-1D5F2D7E8A10}    REG_DWORD    0x1\r\n\r\n");
            return 0;
        }
        if (!r.exists(key)) {
            c.err(NOT_FOUND);
            return 1;
        }
        StringBuilder b = new StringBuilder("\r\n").append(key).append("\r\n");
        if (value != null) {
            var v = r.get(key, value);
            if (v.isEmpty()) {
                c.err(NOT_FOUND);
                return 1;
            }
            b.append(line(v.get())).append("\r\n");
            c.out(b.toString());
            return 0;
        }
        r.values(key).forEach(v -> b.append(line(v)));
        b.append("\r\n");
        for (String sub : r.subkeys(key)) {
            b.append(sub).append("\r\n");
        }
        c.out(b.toString());
        return 0;
    }

    private static String line(Registry.Value v) {
        return "    " + v.name() + "    " + v.type() + "    " + v.data() + "\r\n";
    }

    private static int add(ProgramCall c, Registry r, String key, String value, String type, String data, boolean force) {
        String t = type == null ? "REG_SZ" : type.toUpperCase(Locale.ROOT);
        if (!List.of("REG_SZ", "REG_DWORD", "REG_QWORD", "REG_MULTI_SZ", "REG_EXPAND_SZ", "REG_BINARY").contains(t)) {
            c.err(String.format(SYNTAX, "ADD"));
            return 1;
        }
        if (value == null) {
            r.createKey(key);
            c.out("The operation completed successfully.\r\n\r\n");
            return 0;
        }
        String d = data == null ? "" : data;
        if (t.equals("REG_DWORD") || t.equals("REG_QWORD")) {
            try {
                d = "0x" + Long.toHexString(Long.decode(d.isEmpty() ? "0" : d));
            } catch (NumberFormatException e) {
                c.err("ERROR: Invalid syntax. Specify valid numeric value for '/d'.\r\nType \"REG ADD /?\" for usage.\r\n");
                return 1;
            }
        }
        r.set(key, value, t, d);
        c.out("The operation completed successfully.\r\n\r\n");
        return 0;
    }

    private static int delete(ProgramCall c, Registry r, String key, String value, boolean force) {
        if (!r.exists(key) || (value != null && r.get(key, value).isEmpty())) {
            c.err(NOT_FOUND);
            return 1;
        }
        if (value == null) {
            r.deleteKey(key);
        } else {
            r.deleteValue(key, value);
        }
        c.out("The operation completed successfully.\r\n\r\n");
        return 0;
    }

    /** reg's prompt reads a line from stdin; a remote shell with no input cancels. */
    private static boolean confirm(ProgramCall c, String prompt) {
        c.out(prompt);
        try {
            String line = new BufferedReader(new InputStreamReader(c.stdin(), StandardCharsets.US_ASCII)).readLine();
            return line != null && line.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
