package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Items and paths of the FileSystem provider: Get-ChildItem, Get-Item, Test-Path, New/Remove/Copy/Move/Rename-Item. */
final class ItemCmdlets {

    private ItemCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Get-ChildItem", "Path@0=PSPath,Filter@1,Include,Exclude,Recurse!,Force!,Name!,LiteralPath", ItemCmdlets::childItems);
        c.add("Get-Item", "Path@0=PSPath,LiteralPath,Filter,Include,Exclude,Force!", ItemCmdlets::getItem);
        c.add("Test-Path", "Path@0=PSPath,LiteralPath,PathType,IsValid!,Filter,Include,Exclude", ItemCmdlets::testPath);
        c.add("New-Item", "Path@0=PSPath,Name,ItemType=Type,Value,Force!,?", ItemCmdlets::newItem);
        c.add("Remove-Item", "Path@0=PSPath,LiteralPath,Recurse!,Force!,Filter,Include,Exclude,?", ItemCmdlets::removeItem);
        c.add("Copy-Item", "Path@0=PSPath,Destination@1,LiteralPath,Recurse!,Force!,Container!,PassThru!,Filter,Include,Exclude,?",
                x -> copyOrMove(x, false));
        c.add("Move-Item", "Path@0=PSPath,Destination@1,LiteralPath,Force!,PassThru!,Filter,Include,Exclude,?", x -> copyOrMove(x, true));
        c.add("Rename-Item", "Path@0=PSPath,NewName@1,Force!,PassThru!,?", ItemCmdlets::rename);
    }

    /** Paths a -Path argument names: wildcards expand, a missing literal path is an error. */
    static List<String> expand(CmdletCall c, Object spec, boolean reportMissing) {
        List<String> out = new ArrayList<>();
        for (Object p : PsConvert.isEnumerable(spec) ? PsConvert.items(spec) : List.of(spec)) {
            Object raw = p instanceof PsObject o && o.has("FullName") ? o.get("FullName") : p;
            String path = c.path(raw);
            String name = WinPath.name(path);
            if (Wildcard.hasWildcard(name) && path.length() > 3) {
                String dir = WinPath.parent(path);
                Path d = c.session.host.file(dir);
                if (Files.isDirectory(d)) {
                    ItemObjects.walk(c.session, dir, d, false, (child, file) -> {
                        if (Wildcard.matches(name, WinPath.name(child), true)) {
                            out.add(child);
                        }
                    });
                }
                continue;
            }
            if (!Files.exists(c.session.host.file(path))) {
                if (reportMissing) {
                    c.error(PsError.pathNotFound(c.def.name(), path));
                }
                continue;
            }
            out.add(path);
        }
        return out;
    }

    private static Object pathArg(CmdletCall c) {
        if (c.has("LiteralPath")) {
            return c.get("LiteralPath");
        }
        if (c.has("Path")) {
            return c.get("Path");
        }
        if (c.input != null && !c.input.isEmpty()) {
            return c.input.toArray();
        }
        return null;
    }

    private static void childItems(CmdletCall c) {
        Object spec = pathArg(c);
        if (spec == null) {
            spec = c.session.location;
        }
        if (Registry.isRegistryPath(PsConvert.str(spec))) {
            Registry.childItems(c, PsConvert.str(spec));
            return;
        }
        String filter = c.str("Filter");
        List<Object> include = c.list("Include");
        List<Object> exclude = c.list("Exclude");
        boolean recurse = c.sw("Recurse");
        for (String path : expand(c, spec, true)) {
            Path f = c.session.host.file(path);
            if (!Files.isDirectory(f)) {
                emit(c, path, f);
                continue;
            }
            List<Object[]> items = new ArrayList<>();
            if (recurse) {
                walkGrouped(c, path, f, items);
            } else {
                ItemObjects.walk(c.session, path, f, false, (p, file) -> items.add(new Object[] {p, file}));
            }
            for (Object[] it : items) {
                String p = (String) it[0];
                String n = WinPath.name(p);
                if (filter != null && !Wildcard.matches(filter, n, true)) {
                    continue;
                }
                if (!include.isEmpty() && include.stream().noneMatch(i -> Wildcard.matches(PsConvert.str(i), n, true))) {
                    continue;
                }
                if (exclude.stream().anyMatch(i -> Wildcard.matches(PsConvert.str(i), n, true))) {
                    continue;
                }
                emit(c, p, (Path) it[1]);
            }
        }
    }

    /** -Recurse lists a directory's children, then each subdirectory's, as PowerShell 2.0 does. */
    private static void walkGrouped(CmdletCall c, String path, Path dir, List<Object[]> into) {
        List<Object[]> kids = new ArrayList<>();
        ItemObjects.walk(c.session, path, dir, false, (p, file) -> kids.add(new Object[] {p, file}));
        into.addAll(kids);
        for (Object[] k : kids) {
            if (Files.isDirectory((Path) k[1])) {
                walkGrouped(c, (String) k[0], (Path) k[1], into);
            }
        }
    }

    private static void emit(CmdletCall c, String path, Path f) {
        if (c.sw("Name")) {
            c.out(WinPath.name(path));
        } else {
            c.out(ItemObjects.item(c.session, path, f));
        }
    }

    private static void getItem(CmdletCall c) {
        Object spec = pathArg(c);
        if (spec == null) {
            throw c.err("Cannot bind argument to parameter 'Path' because it is null.", "InvalidData: (:) [Get-Item],"
                    + " ParameterBindingValidationException", "ParameterArgumentValidationErrorNullNotAllowed");
        }
        if (Registry.isRegistryPath(PsConvert.str(spec))) {
            Registry.getItem(c, PsConvert.str(spec));
            return;
        }
        for (String path : expand(c, spec, true)) {
            c.out(ItemObjects.item(c.session, path, c.session.host.file(path)));
        }
    }

    private static void testPath(CmdletCall c) {
        Object spec = pathArg(c);
        if (spec == null || PsConvert.str(spec).isEmpty()) {
            throw c.err("Cannot bind argument to parameter 'Path' because it is an empty string.", "InvalidData: (:) [Test-Path],"
                    + " ParameterBindingValidationException", "ParameterArgumentValidationErrorEmptyStringNotAllowed");
        }
        String type = c.str("PathType");
        for (Object p : PsConvert.isEnumerable(spec) ? PsConvert.items(spec) : List.of(spec)) {
            String text = PsConvert.str(p);
            if (Registry.isRegistryPath(text)) {
                c.out(Registry.exists(c, text));
                continue;
            }
            if (c.sw("IsValid")) {
                c.out(!text.matches(".*[<>|\"].*"));
                continue;
            }
            String path = c.path(text);
            boolean exists;
            if (Wildcard.hasWildcard(WinPath.name(path))) {
                exists = !expand(c, path, false).isEmpty();
            } else {
                Path f = c.session.host.file(path);
                exists = Files.exists(f);
                if (exists && type != null) {
                    boolean dir = Files.isDirectory(f);
                    exists = type.equalsIgnoreCase("Container") ? dir : !type.equalsIgnoreCase("Leaf") || !dir;
                }
            }
            c.out(exists);
        }
    }

    private static void newItem(CmdletCall c) {
        String type = c.str("ItemType") == null ? "file" : c.str("ItemType").toLowerCase(java.util.Locale.ROOT);
        Object spec = c.has("Path") ? c.get("Path") : c.session.location;
        if (Registry.isRegistryPath(PsConvert.str(spec))) {
            Registry.newKey(c, PsConvert.str(spec) + (c.has("Name") ? "\\" + c.str("Name") : ""));
            return;
        }
        for (Object p : PsConvert.isEnumerable(spec) ? PsConvert.items(spec) : List.of(spec)) {
            String path = c.path(p);
            if (c.has("Name")) {
                path = WinPath.resolve(path, c.str("Name"));
            }
            Path f = c.session.host.file(path);
            boolean force = c.sw("Force");
            try {
                if (type.startsWith("d")) {
                    if (Files.exists(f) && !force) {
                        c.error(c.err("Item with specified name " + path + " already exists.", "ResourceExists: (" + path
                                + ":String) [New-Item], IOException", "DirectoryExist"));
                        continue;
                    }
                    Files.createDirectories(f);
                } else {
                    if (Files.exists(f) && !force) {
                        c.error(c.err("The file '" + path + "' already exists.", "WriteError: (" + path + ":String) [New-Item],"
                                + " IOException", "NewItemIOError"));
                        continue;
                    }
                    if (!Files.isDirectory(f.getParent())) {
                        if (!force) {
                            c.error(c.err("Could not find a part of the path '" + path + "'.", "WriteError: (" + path
                                    + ":String) [New-Item], DirectoryNotFoundException", "NewItemIOError"));
                            continue;
                        }
                        Files.createDirectories(f.getParent());
                    }
                    String value = c.has("Value") ? PsConvert.str(c.get("Value")) : "";
                    byte[] bytes = value.getBytes(java.nio.charset.Charset.forName("windows-1252"));
                    c.session.host.reserveDisk(bytes.length);
                    Files.write(f, bytes);
                }
            } catch (IOException e) {
                c.error(c.err(PsFileStream.DotNetException.of(e).getMessage(), "WriteError: (" + path + ":String) [New-Item], IOException",
                        "NewItemIOError"));
                continue;
            }
            c.out(ItemObjects.item(c.session, path, f));
        }
    }

    private static void removeItem(CmdletCall c) {
        Object spec = pathArg(c);
        if (spec != null && Registry.isRegistryPath(PsConvert.str(spec))) {
            Registry.removeKey(c, PsConvert.str(spec));
            return;
        }
        for (String path : expand(c, spec, true)) {
            Path f = c.session.host.file(path);
            try {
                if (Files.isDirectory(f)) {
                    boolean hasKids;
                    try (var kids = Files.list(f)) {
                        hasKids = kids.findAny().isPresent();
                    }
                    if (hasKids && !c.sw("Recurse")) {
                        // Without -Recurse PowerShell asks for confirmation, which a non-interactive host refuses.
                        throw c.err("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
                                "InvalidOperation: (:) [Remove-Item], PSInvalidOperationException", "InvalidOperation");
                    }
                }
                ItemObjects.deleteTree(f);
            } catch (IOException e) {
                c.error(c.err("Cannot remove item " + path + ": " + PsFileStream.DotNetException.of(e).getMessage(),
                        "WriteError: (" + path + ":FileInfo) [Remove-Item], IOException", "RemoveFileSystemItemIOError"));
            }
        }
    }

    private static void copyOrMove(CmdletCall c, boolean move) {
        Object spec = pathArg(c);
        String dest = c.path(c.has("Destination") ? c.get("Destination") : c.session.location);
        for (String path : expand(c, spec, true)) {
            Path src = c.session.host.file(path);
            String target = dest;
            Path dst = c.session.host.file(dest);
            if (Files.isDirectory(dst)) {
                target = dest + "\\" + WinPath.name(path);
                dst = c.session.host.file(target);
            }
            try {
                if (!Files.isDirectory(dst.getParent())) {
                    c.error(c.err("Could not find a part of the path '" + target + "'.", "WriteError: (" + path + ":FileInfo) ["
                            + c.def.name() + "], DirectoryNotFoundException", move ? "MoveFileInfoItemIOError" : "CopyFileInfoItemIOError"));
                    continue;
                }
                if (Files.exists(dst) && move && !c.sw("Force")) {
                    c.error(c.err("Cannot create a file when that file already exists.\r\n", "WriteError: (" + path + ":FileInfo) ["
                            + c.def.name() + "], IOException", "MoveFileInfoItemIOError"));
                    continue;
                }
                if (move) {
                    Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
                } else if (Files.isDirectory(src)) {
                    copyTree(src, dst, c.sw("Recurse"));
                } else {
                    c.session.host.reserveDisk(Files.size(src));
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                c.error(c.err(PsFileStream.DotNetException.of(e).getMessage(), "WriteError: (" + path + ":FileInfo) [" + c.def.name()
                        + "], IOException", "CopyFileInfoItemIOError"));
                continue;
            }
            if (c.sw("PassThru")) {
                c.out(ItemObjects.item(c.session, target, dst));
            }
        }
    }

    private static void copyTree(Path src, Path dst, boolean recurse) throws IOException {
        Files.createDirectories(dst);
        if (!recurse) {
            return;
        }
        try (var kids = Files.list(src)) {
            for (Path k : kids.toList()) {
                Path t = dst.resolve(k.getFileName().toString());
                if (Files.isDirectory(k)) {
                    copyTree(k, t, true);
                } else {
                    Files.copy(k, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void rename(CmdletCall c) {
        String path = c.path(c.get("Path"));
        Path f = c.session.host.file(path);
        if (!Files.exists(f)) {
            c.error(PsError.pathNotFound("Rename-Item", path));
            return;
        }
        String newName = c.str("NewName");
        String target = WinPath.parent(path) + "\\" + newName;
        try {
            Path dst = c.session.host.file(target);
            if (Files.exists(dst)) {
                c.error(c.err("Cannot create a file when that file already exists.\r\n", "WriteError: (" + path
                        + ":String) [Rename-Item], IOException", "RenameItemIOError"));
                return;
            }
            Files.move(f, f.resolveSibling(newName));
        } catch (IOException e) {
            c.error(c.err(PsFileStream.DotNetException.of(e).getMessage(), "WriteError: (" + path + ":String) [Rename-Item], IOException",
                    "RenameItemIOError"));
            return;
        }
        if (c.sw("PassThru")) {
            c.out(ItemObjects.item(c.session, target, c.session.host.file(target)));
        }
    }
}
