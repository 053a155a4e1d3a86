package dev.reprolab.windows.cab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in update packages for the simulated lab, laid out like real Windows 6.1 .msu files: a cabinet holding the
 * update's own cabinet ({@code Windows6.1-KBnnnnnnn-x64.cab}, whose {@code update.mum} names the package), the
 * WSUS scan cabinet, a properties text and the unattend XML. Real labs use Microsoft's packages instead.
 */
public final class StandInPackage {

    private static final Pattern PACKAGE = Pattern.compile("name=\"Package_for_(KB\\d+)\"");

    private StandInPackage() {
    }

    public static byte[] msu(String kb, String title) {
        String base = "Windows6.1-" + kb.toUpperCase(Locale.ROOT) + "-x64";
        Map<String, byte[]> inner = new LinkedHashMap<>();
        inner.put("update.mum", ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                + "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v3\" manifestVersion=\"1.0\" description=\"" + title
                + "\" displayName=\"default\" company=\"Microsoft Corporation\" copyright=\"Microsoft Corporation\">\r\n"
                + "  <assemblyIdentity name=\"Package_for_" + kb.toUpperCase(Locale.ROOT)
                + "\" version=\"6.1.1.3\" language=\"neutral\" processorArchitecture=\"amd64\" publicKeyToken=\"31bf3856ad364e35\"/>\r\n"
                + "  <package identifier=\"" + kb.toUpperCase(Locale.ROOT) + "\" releaseType=\"Update\" restart=\"required\"/>\r\n"
                + "</assembly>\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put(base + ".cab", Cabinet.write(inner));
        outer.put("WSUSSCAN.cab", Cabinet.write(Map.of("package.xml", ("<Updates><Update KB=\"" + kb + "\"/></Updates>")
                .getBytes(StandardCharsets.UTF_8))));
        outer.put(base + "-pkgProperties.txt", ("ApplicabilityInfo=\"Windows 7.0 Client SP1;Windows 7.0 Server SP1;\"\r\n"
                + "Applies to=\"Update for Microsoft Windows\"\r\nBuild Date=\"2018/07/10\"\r\nCompany=\"Microsoft Corporation\"\r\n"
                + "File Version=\"6.1.7601.24168\"\r\nInstaller Engine=\"Component Based Servicing\"\r\nInstaller Version=\"6.1.7600.16385\"\r\n"
                + "KB Article Number=\"" + kb.substring(2) + "\"\r\nPackage Type=\"Update\"\r\nProcessor Architecture=\"amd64\"\r\n"
                + "Product Name=\"Windows 7.0\"\r\nSupport Link=\"http://support.microsoft.com/?kbid=" + kb.substring(2) + "\"\r\n")
                .getBytes(StandardCharsets.UTF_16LE));
        outer.put(base + ".xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<unattend xmlns=\"urn:schemas-microsoft-com:unattend\">"
                + "<servicing><package action=\"install\"><assemblyIdentity name=\"Package_for_" + kb + "\" version=\"6.1.1.3\" "
                + "language=\"neutral\" processorArchitecture=\"amd64\" publicKeyToken=\"31bf3856ad364e35\"/>"
                + "<source location=\"%configsetroot%\\" + base + ".cab\" /></package></servicing></unattend>\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return Cabinet.write(outer);
    }

    /** The KB an update cabinet installs, read from its update.mum. */
    public static Optional<String> kbOfUpdateCab(byte[] cab) {
        byte[] mum = Cabinet.read(cab).get("update.mum");
        if (mum == null) {
            return Optional.empty();
        }
        Matcher m = PACKAGE.matcher(new String(mum, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Writes {@code windows6.1-kbNNNNNNN-x64.msu} into a directory. */
    public static Path writeMsu(Path dir, String kb, String title) {
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve("windows6.1-" + kb.toLowerCase(Locale.ROOT) + "-x64.msu");
            Files.write(p, msu(kb, title));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
