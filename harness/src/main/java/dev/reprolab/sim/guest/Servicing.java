package dev.reprolab.sim.guest;

import dev.reprolab.sim.SimTime;
import dev.reprolab.windows.cab.Cabinet;
import dev.reprolab.windows.cab.StandInPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Installing updates on the guest: {@code expand -f:* X.msu DIR} and {@code dism /online /add-package
 * /packagepath:X.cab /quiet /norestart} (works inside WinRM), and {@code wusa X.msu /quiet /norestart} (refuses
 * inside a remote session with access denied, as on real 2008 R2; works from a scheduled task). A staged package
 * becomes a committed hotfix at the next boot (DISM and wusa exit with 3010, ERROR_SUCCESS_REBOOT_REQUIRED, until then).
 */
final class Servicing {

    /**
     * What servicing takes on a real 2008 R2 (scaled by {@link SimTime}): dism of a monthly rollup prints nothing for
     * minutes with /quiet; expand of an .msu reads and writes the whole package.
     */
    static final Duration DISM_ADD_PACKAGE = Duration.ofSeconds(90);
    static final Duration EXPAND = Duration.ofSeconds(15);

    static final int REBOOT_REQUIRED = 3010;
    static final int ALREADY_INSTALLED = 2359302;

    private Servicing() {
    }

    static List<GuestProgram> all() {
        return List.of(CorePrograms.program(List.of("expand", "expand.exe"), Servicing::expand),
                CorePrograms.program(List.of("dism", "dism.exe"), Servicing::dism),
                CorePrograms.program(List.of("wusa", "wusa.exe"), Servicing::wusa));
    }

    static int expand(ProgramCall c) {
        c.out("Microsoft (R) File Expansion Utility  Version 6.1.7600.16385\r\nCopyright (c) Microsoft Corporation. All rights reserved.\r\n\r\n");
        List<String> a = c.args().stream().filter(x -> !x.startsWith("-F:") && !x.startsWith("-f:") && !x.startsWith("/f:")).toList();
        if (a.size() < 2) {
            c.out("Can't open input file: .\r\n");
            return 1;
        }
        Path src = c.os().file(a.get(0));
        Path dst = c.os().file(a.get(1));
        if (!Files.isRegularFile(src)) {
            c.out("Can't open input file: " + a.get(0) + ".\r\n");
            return 1;
        }
        Map<String, byte[]> files;
        try {
            files = Cabinet.read(Files.readAllBytes(src));
        } catch (IllegalArgumentException e) {
            c.out("Can't open input file: " + a.get(0) + ".\r\n");
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(dst);
            for (String name : files.keySet()) {
                c.out("Adding " + a.get(1) + "\\" + name + " to Extraction Queue\r\n");
            }
            c.out("\r\nExpanding Files ....\r\n\r\n");
            try {
                c.sleep(SimTime.scaled(EXPAND));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dst.resolve(f.getKey()), f.getValue());
            }
            c.out("Expanding Files Complete ...\r\n" + files.size() + " files total.\r\n");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int dism(ProgramCall c) {
        boolean quiet = c.args().stream().anyMatch(x -> x.equalsIgnoreCase("/quiet"));
        String header = "\r\nDeployment Image Servicing and Management tool\r\nVersion: 6.1.7600.16385\r\n\r\nImage Version: 6.1.7601.17514\r\n\r\n";
        if (!quiet) {
            c.out(header);
        }
        boolean online = c.args().stream().anyMatch(x -> x.equalsIgnoreCase("/online"));
        if (online && c.args().stream().anyMatch(x -> x.equalsIgnoreCase("/enable-feature"))) {
            return enableFeature(c, quiet ? header : "");
        }
        Optional<String> pkg = c.args().stream().filter(x -> x.toLowerCase(Locale.ROOT).startsWith("/packagepath:"))
                .map(x -> x.substring("/packagepath:".length())).findFirst();
        if (!online || pkg.isEmpty() || c.args().stream().noneMatch(x -> x.equalsIgnoreCase("/add-package"))) {
            c.out((quiet ? header : "") + "Error: 87\r\n\r\nThe add-package option is unknown.\r\nFor more information, refer to the help by running DISM.exe /?.\r\n\r\nThe DISM log file can be found at C:\\Windows\\Logs\\DISM\\dism.log\r\n");
            return 87;
        }
        Path cab = c.os().file(pkg.get());
        Optional<String> kb;
        try {
            kb = Files.isRegularFile(cab) ? StandInPackage.kbOfUpdateCab(Files.readAllBytes(cab)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            kb = Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kb.isEmpty()) {
            c.out((quiet ? header : "") + "An error occurred trying to open - " + pkg.get() + " Error: 0x80070002\r\nError: 2\r\n\r\n"
                    + "The system cannot find the file specified.\r\n\r\nThe DISM log file can be found at C:\\Windows\\Logs\\DISM\\dism.log\r\n");
            return 2;
        }
        try {
            c.sleep(SimTime.scaled(DISM_ADD_PACKAGE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1223; // ERROR_CANCELLED: the operation was stopped
        }
        boolean staged = c.os().stageUpdate(kb.get(), "NT AUTHORITY\\SYSTEM");
        if (!quiet) {
            c.out("Processing 1 of 1 - Adding package Package_for_" + kb.get() + "~31bf3856ad364e35~amd64~~6.1.1.3\r\n"
                    + "[==========================100.0%==========================]\r\nThe operation completed successfully.\r\n");
        }
        return staged || c.os().rebootPending() ? REBOOT_REQUIRED : 0;
    }

    /** DISM's feature error 0x800F080C as a process exit code. */
    static final int FEATURE_UNKNOWN = 0x800f080c;

    /**
     * {@code dism /online /enable-feature /featurename:NAME [/featurename:NAME2]}: the same component store as
     * ServerManager's Add-WindowsFeature, so IIS installed either way is the same IIS.
     */
    private static int enableFeature(ProgramCall c, String header) {
        List<String> names = c.args().stream().filter(x -> x.toLowerCase(Locale.ROOT).startsWith("/featurename:"))
                .map(x -> x.substring("/featurename:".length())).toList();
        WindowsFeatures features = ((SimGuest) c.os()).features();
        for (String n : names) {
            if (!features.exists(n)) {
                c.out(header + "\r\nError: 0x800f080c\r\n\r\nFeature name " + n + " is unknown.\r\nA Windows feature name was not"
                        + " recognized.\r\nUse the /Get-Features option to find the name of the feature in the image and try the command"
                        + " again.\r\n\r\nThe DISM log file can be found at C:\\Windows\\Logs\\DISM\\dism.log\r\n");
                return FEATURE_UNKNOWN;
            }
        }
        if (names.isEmpty()) {
            c.out(header + "Error: 87\r\n\r\nThe enable-feature option requires a /featurename.\r\n\r\nThe DISM log file can be"
                    + " found at C:\\Windows\\Logs\\DISM\\dism.log\r\n");
            return 87;
        }
        if (header.isEmpty()) {
            c.out("Enabling feature(s)\r\n[==========================100.0%==========================]\r\n"
                    + "The operation completed successfully.\r\n");
        }
        names.forEach(features::install);
        return 0;
    }

    static int wusa(ProgramCall c) {
        if (c.remoteSession()) {
            // wusa.exe calls the Windows Update Agent API, which refuses remote (network logon) sessions: 0x5
            return 5;
        }
        Optional<String> msu = c.args().stream().filter(x -> x.toLowerCase(Locale.ROOT).endsWith(".msu")).findFirst();
        if (msu.isEmpty() || !Files.isRegularFile(c.os().file(msu.get()))) {
            return 2;
        }
        try {
            Map<String, byte[]> outer = Cabinet.read(Files.readAllBytes(c.os().file(msu.get())));
            for (Map.Entry<String, byte[]> e : outer.entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).matches("windows6\\.1-kb\\d+-x64\\.cab")) {
                    String kb = StandInPackage.kbOfUpdateCab(e.getValue()).orElse(null);
                    if (kb == null) {
                        return 2;
                    }
                    return c.os().stageUpdate(kb, "NT AUTHORITY\\SYSTEM") ? REBOOT_REQUIRED : ALREADY_INSTALLED;
                }
            }
            return 0x80240017; // not applicable to this computer
        } catch (IllegalArgumentException e) {
            return 0x80070570; // ERROR_FILE_CORRUPT
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
