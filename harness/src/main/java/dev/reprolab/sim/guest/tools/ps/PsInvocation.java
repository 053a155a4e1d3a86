package dev.reprolab.sim.guest.tools.ps;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code powershell.exe} command line: the script from {@code -EncodedCommand} (base64 of UTF-16LE),
 * from {@code -Command ...} (the remaining arguments joined by spaces, as powershell.exe does), or "read the
 * script from stdin" for {@code -Command -}. Parameter names match by unambiguous prefix, as in PowerShell 2.0.
 *
 * @param script the script text, or null when it comes from stdin (or when there is none)
 * @param fromStdin whether {@code -Command -} was given
 * @param error powershell.exe's complaint about the command line, or null
 * @param executionPolicy the {@code -ExecutionPolicy} given, or null
 * @param file the {@code -File} script, or null
 * @param fileArgs the arguments after the {@code -File} script
 */
public record PsInvocation(String script, boolean fromStdin, String error, String executionPolicy, String file,
                           List<String> fileArgs) {

    PsInvocation(String script, boolean fromStdin, String error) {
        this(script, fromStdin, error, null, null, List.of());
    }

    private PsInvocation with(String policy) {
        return new PsInvocation(script, fromStdin, error, policy, file, fileArgs);
    }

    /** @param args the arguments after the image name, already split */
    public static PsInvocation parse(List<String> args) {
        String policy = null;
        for (int i = 0; i < args.size(); i++) {
            if (i + 1 < args.size() && args.get(i).startsWith("-") && (isPrefix(args.get(i).substring(1).toLowerCase(Locale.ROOT), "executionpolicy")
                    || args.get(i).equalsIgnoreCase("-ep"))) {
                policy = args.get(i + 1);
            }
        }
        return parseArgs(args).with(policy);
    }

    private static PsInvocation parseArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") && !a.startsWith("/")) {
                // A bare first word is the start of a -Command script.
                return new PsInvocation(String.join(" ", args.subList(i, args.size())), false, null);
            }
            String name = a.substring(1).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return new PsInvocation(null, true, null);
            }
            if (isPrefix(name, "command") || name.equals("c")) {
                if (i + 1 < args.size() && args.get(i + 1).equals("-")) {
                    return new PsInvocation(null, true, null);
                }
                return new PsInvocation(String.join(" ", args.subList(i + 1, args.size())), false, null);
            }
            if (isPrefix(name, "file") && !name.equals("f")) {
                if (i + 1 >= args.size()) {
                    return new PsInvocation(null, false, "Missing argument for parameter File.");
                }
                return new PsInvocation(null, false, null, null, args.get(i + 1), List.copyOf(args.subList(i + 2, args.size())));
            }
            if (isPrefix(name, "encodedcommand") || name.equals("ec") || name.equals("e")) {
                if (i + 1 >= args.size()) {
                    return new PsInvocation(null, false, "Missing argument for parameter EncodedCommand.");
                }
                try {
                    byte[] raw = Base64.getDecoder().decode(args.get(i + 1));
                    return new PsInvocation(new String(raw, StandardCharsets.UTF_16LE), false, null);
                } catch (IllegalArgumentException e) {
                    return new PsInvocation(null, false, "Cannot process the command because the value specified"
                            + " with -EncodedCommand is not properly encoded. The value must be Base64 encoded.");
                }
            }
            if (isPrefix(name, "executionpolicy") || isPrefix(name, "inputformat")
                    || isPrefix(name, "outputformat") || isPrefix(name, "windowstyle") || isPrefix(name, "version")
                    || name.equals("ep")) {
                i++;
                continue;
            }
            if (isPrefix(name, "noprofile") || isPrefix(name, "noninteractive") || isPrefix(name, "nologo")
                    || isPrefix(name, "noexit") || name.equals("sta") || name.equals("mta")) {
                continue;
            }
            return new PsInvocation(null, false, "Unknown parameter '" + a.substring(1) + "'.");
        }
        return new PsInvocation(null, false, null);
    }

    private static boolean isPrefix(String given, String full) {
        return given.length() >= 2 && full.startsWith(given);
    }
}
