package dev.reprolab.trial;

import dev.reprolab.input.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * An Apache httpd for Windows distribution zip (Apache Lounge layout: {@code Apache24/bin/httpd.exe}), unpacked on
 * the controller so it can be uploaded file by file over either file channel — 2008 R2 has no unzip that works
 * over WinRM without PowerShell 3+ ({@code Expand-Archive}) or a shell COM object, which hangs without a desktop.
 */
public final class ApacheDistribution {

    private ApacheDistribution() {
    }

    /** A file of the unpacked distribution, relative to the distribution's root (e.g. {@code Apache24/bin/httpd.exe}). */
    public record Entry(String relativePath, Path file, long size) {
    }

    /**
     * Checks the zip without unpacking it (the up-front validation of a scenario): readable, no entry that would
     * land outside the target (zip slip), a {@code bin/httpd.exe} inside.
     *
     * @throws BadInputException naming the first problem
     */
    public static void check(Path zip) {
        try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
            Path root = Path.of("target").toAbsolutePath().normalize();
            boolean httpd = false;
            for (Enumeration<ZipArchiveEntry> e = zf.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                String name = entry.getName().replace('\\', '/');
                if (escapes(root, name)) {
                    throw new BadInputException(zip + ": entry '" + entry.getName() + "' would be written outside the target directory");
                }
                httpd |= !entry.isDirectory() && name.toLowerCase().endsWith("bin/httpd.exe");
            }
            if (!httpd) {
                throw new BadInputException(zip + ": not an Apache httpd for Windows distribution (no bin/httpd.exe inside)");
            }
        } catch (IOException e) {
            throw new BadInputException(zip + ": not a readable zip file (" + e.getMessage() + ")");
        }
    }

    private static boolean escapes(Path root, String name) {
        return name.startsWith("/") || name.matches("^[A-Za-z]:.*") || !root.resolve(name).normalize().startsWith(root);
    }

    /**
     * Unpacks the zip into {@code target} and lists the files. Entries whose normalized path escapes
     * {@code target} (zip slip: {@code ../}, absolute paths, drive letters) are rejected before anything is written.
     *
     * @throws BadInputException if the file is not a zip, contains an escaping entry or has no {@code bin/httpd.exe}
     */
    public static List<Entry> unpack(Path zip, Path target) {
        try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
            Path root = target.toAbsolutePath().normalize();
            List<ZipArchiveEntry> entries = new ArrayList<>();
            for (Enumeration<ZipArchiveEntry> e = zf.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                String name = entry.getName().replace('\\', '/');
                if (escapes(root, name)) {
                    throw new BadInputException(zip + ": entry '" + entry.getName() + "' would be written outside the target directory");
                }
                entries.add(entry);
            }
            List<Entry> files = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName().replace('\\', '/');
                Path out = root.resolve(name).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(new Entry(name, out, Files.size(out)));
            }
            if (files.stream().noneMatch(f -> f.relativePath().toLowerCase().endsWith("bin/httpd.exe"))) {
                throw new BadInputException(zip + ": not an Apache httpd for Windows distribution (no bin/httpd.exe inside)");
            }
            return files;
        } catch (IOException e) {
            if (e instanceof java.util.zip.ZipException || e.getMessage() != null && e.getMessage().contains("central directory")) {
                throw new BadInputException(zip + ": not a readable zip file (" + e.getMessage() + ")");
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The Windows path of an entry under the guest's install root, e.g. {@code C:\Apache24\bin\httpd.exe}. */
    public static String guestPath(String installParent, Entry entry) {
        String parent = installParent.endsWith("\\") ? installParent : installParent + "\\";
        return parent + entry.relativePath().replace('/', '\\');
    }
}
