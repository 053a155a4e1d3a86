package dev.reprolab.sim.guest.tools.ps;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writing text files as Out-File, Set-Content and redirections do (encodings and BOMs of PowerShell 2.0). */
final class OutputFiles {

    private OutputFiles() {
    }

    static void write(Session s, String path, String text, boolean append, Charset cs, boolean bom) {
        Path f = s.host.file(path);
        if (f.getParent() == null || !Files.isDirectory(f.getParent())) {
            throw new PsError("Could not find a part of the path '" + path + "'.", "OpenError: (:) [], DirectoryNotFoundException",
                    "FileOpenFailure").type("System.IO.DirectoryNotFoundException");
        }
        try {
            boolean exists = Files.exists(f) && Files.size(f) > 0;
            byte[] body = text.getBytes(cs);
            byte[] pre = bom && !(append && exists) ? preamble(cs) : new byte[0];
            byte[] all = new byte[pre.length + body.length];
            System.arraycopy(pre, 0, all, 0, pre.length);
            System.arraycopy(body, 0, all, pre.length, body.length);
            s.host.reserveDisk(all.length);
            if (append) {
                Files.write(f, all, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.write(f, all);
            }
        } catch (IOException e) {
            throw new PsError(PsFileStream.DotNetException.of(e).getMessage(), "WriteError: (:) [], IOException", "WriteError");
        }
    }

    static byte[] preamble(Charset cs) {
        if (cs.equals(StandardCharsets.UTF_16LE)) {
            return new byte[] {(byte) 0xFF, (byte) 0xFE};
        }
        if (cs.equals(StandardCharsets.UTF_8)) {
            return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        }
        if (cs.equals(StandardCharsets.UTF_16BE)) {
            return new byte[] {(byte) 0xFE, (byte) 0xFF};
        }
        return new byte[0];
    }

    /** The -Encoding values of Out-File / Set-Content: Unicode, UTF8, ASCII, BigEndianUnicode, UTF32, Default, OEM, String. */
    static Charset encoding(Object v, Charset fallback) {
        if (v == null) {
            return fallback;
        }
        return switch (PsConvert.str(v).toLowerCase(java.util.Locale.ROOT)) {
            case "unicode", "string" -> StandardCharsets.UTF_16LE;
            case "utf8" -> StandardCharsets.UTF_8;
            case "ascii" -> StandardCharsets.US_ASCII;
            case "bigendianunicode" -> StandardCharsets.UTF_16BE;
            case "utf32" -> Charset.forName("UTF-32LE");
            case "oem" -> Charset.forName("IBM437");
            case "byte" -> StandardCharsets.ISO_8859_1;
            default -> Charset.forName("windows-1252");
        };
    }
}
