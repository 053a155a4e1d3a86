package dev.reprolab.sim.guest.tools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Windows path arithmetic for the simulated guest: resolves a path typed on a command line against a current
 * directory into the canonical absolute form {@code C:\dir\file} (backslashes, no {@code .}/{@code ..}, no trailing
 * separator). Case is preserved; comparisons are the caller's business (NTFS is case-insensitive).
 */
public final class WinPath {

    private WinPath() {
    }

    /** Resolves {@code path} against {@code cwd} (itself canonical, e.g. {@code C:\Users\Administrator}). */
    public static String resolve(String cwd, String path) {
        String p = path.replace('/', '\\');
        String base;
        String rest;
        if (p.length() >= 2 && p.charAt(1) == ':') {
            base = p.substring(0, 2).toUpperCase(Locale.ROOT);
            rest = p.substring(2);
            if (!rest.startsWith("\\")) {
                rest = cwd.regionMatches(true, 0, base, 0, 2) ? cwd.substring(2) + "\\" + rest : "\\" + rest;
            }
        } else if (p.startsWith("\\")) {
            base = cwd.substring(0, 2);
            rest = p;
        } else {
            base = cwd.substring(0, 2);
            rest = cwd.substring(2) + "\\" + p;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : rest.split("\\\\")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? base + "\\" : base + "\\" + String.join("\\", parts);
    }

    /** The parent of a canonical path ({@code C:\} for top-level entries). */
    public static String parent(String canonical) {
        int i = canonical.lastIndexOf('\\');
        return i <= 2 ? canonical.substring(0, 3) : canonical.substring(0, i);
    }

    /** The last element of a canonical path. */
    public static String name(String canonical) {
        return canonical.substring(canonical.lastIndexOf('\\') + 1);
    }
}
