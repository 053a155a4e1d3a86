package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** FileInfo / DirectoryInfo objects of the guest's disk, as Get-Item and Get-ChildItem return them. */
final class ItemObjects {

    private ItemObjects() {
    }

    static PsObject item(Session s, String path, Path f) {
        boolean dir = Files.isDirectory(f);
        Instant modified;
        Instant created;
        try {
            modified = Files.getLastModifiedTime(f).toInstant();
            created = ((java.nio.file.attribute.FileTime) Files.getAttribute(f, "creationTime")).toInstant();
        } catch (IOException | UnsupportedOperationException e) {
            modified = Instant.EPOCH;
            created = Instant.EPOCH;
        }
        String name = path.length() <= 3 ? path : WinPath.name(path);
        PsObject o = new PsObject(dir ? "System.IO.DirectoryInfo" : "System.IO.FileInfo");
        o.typeNames.add(1, "System.IO.FileSystemInfo");
        o.toStringValue = dir ? name : path;
        o.put("PSPath", "Microsoft.PowerShell.Core\\FileSystem::" + path);
        o.put("PSParentPath", "Microsoft.PowerShell.Core\\FileSystem::" + (path.length() <= 3 ? "" : WinPath.parent(path)));
        o.put("PSChildName", name);
        o.put("PSDrive", "C");
        o.put("PSProvider", "Microsoft.PowerShell.Core\\FileSystem");
        o.put("PSIsContainer", dir);
        o.put("Mode", mode(dir, f));
        o.put("Name", name);
        o.put("FullName", path);
        if (dir) {
            o.put("Parent", path.length() <= 3 ? null : WinPath.name(WinPath.parent(path)));
            o.put("Root", path.substring(0, 3));
        } else {
            long length;
            try {
                length = Files.size(f);
            } catch (IOException e) {
                length = 0;
            }
            o.put("Length", length);
            o.put("DirectoryName", WinPath.parent(path));
            o.put("Directory", WinPath.parent(path));
            o.put("IsReadOnly", !Files.isWritable(f));
            String version = s.host.fileVersion(path).orElse(null);
            PsObject vi = PsObject.of("System.Diagnostics.FileVersionInfo", "FileVersion", version, "ProductVersion", version,
                    "FileName", path);
            o.put("VersionInfo", vi);
            String n = name;
            o.put("BaseName", n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n);
        }
        o.put("Exists", true);
        o.put("Extension", !dir && name.contains(".") ? name.substring(name.lastIndexOf('.')) : dir && name.contains(".") ? name.substring(name.lastIndexOf('.')) : "");
        o.put("CreationTime", Dates.of(created, s.host.zone()));
        o.put("LastAccessTime", Dates.of(modified, s.host.zone()));
        o.put("LastWriteTime", Dates.of(modified, s.host.zone()));
        o.put("LastWriteTimeUtc", Dates.of(modified, java.time.ZoneOffset.UTC));
        o.put("Attributes", new PsEnum("System.IO.FileAttributes", dir ? "Directory" : "Archive", dir ? 16 : 32));
        if (dir) {
            o.put("BaseName", name);
        }
        o.methods.put("delete", args -> {
            try {
                deleteTree(f);
            } catch (IOException e) {
                throw new NetException("System.IO.IOException", e.getMessage());
            }
            return PsConvert.VOID;
        });
        o.methods.put("getfiles", args -> listChildren(s, path, f, false));
        o.methods.put("getdirectories", args -> listChildren(s, path, f, true));
        return o;
    }

    private static Object[] listChildren(Session s, String path, Path f, boolean dirs) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        walk(s, path, f, false, (p, file) -> {
            if (Files.isDirectory(file) == dirs) {
                out.add(item(s, p, file));
            }
        });
        return out.toArray();
    }

    private static String mode(boolean dir, Path f) {
        return dir ? "d----" : Files.isWritable(f) ? "-a---" : "-ar--";
    }

    static void deleteTree(Path f) throws IOException {
        if (!Files.isDirectory(f)) {
            Files.deleteIfExists(f);
            return;
        }
        try (Stream<Path> all = Files.walk(f)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** Children in the order NTFS lists them (case-insensitive name order), depth first when recursing. */
    static void walk(Session s, String path, Path dir, boolean recurse, BiConsumer<String, Path> each) {
        List<Path> kids;
        try (Stream<Path> list = Files.list(dir)) {
            kids = list.sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT))).toList();
        } catch (IOException e) {
            return;
        }
        for (Path k : kids) {
            String child = (path.endsWith("\\") ? path : path + "\\") + k.getFileName();
            each.accept(child, k);
        }
        if (recurse) {
            for (Path k : kids) {
                if (Files.isDirectory(k)) {
                    walk(s, (path.endsWith("\\") ? path : path + "\\") + k.getFileName(), k, true, each);
                }
            }
        }
    }
}
