package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * [IO.Path], [IO.File] and [IO.Directory]. Relative paths resolve against the process's current directory (not
 * PowerShell's location, exactly as .NET does), with .NET 2.0's exception messages.
 */
final class IoStatics {

    private IoStatics() {
    }

    static void registerAll() {
        StaticMembers.register("System.IO.Path", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "directoryseparatorchar" -> '\\';
                    case "altdirectoryseparatorchar" -> '/';
                    case "pathseparator" -> ';';
                    case "volumeseparatorchar" -> ':';
                    default -> DotNetObject.NONE;
                };
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return path(ev.session, n, a);
            }
        });
        StaticMembers.register("System.IO.File", (ev, n, a) -> file(ev.session, n, a));
        StaticMembers.register("System.IO.Directory", (ev, n, a) -> directory(ev.session, n, a));
    }

    static String full(Session s, Object p) {
        String text = PsConvert.str(p);
        if (text.isEmpty()) {
            throw new NetException("System.ArgumentException", "The path is not of a legal form.");
        }
        return WinPath.resolve(s.host.currentDirectory(), text);
    }

    private static Object path(Session s, String n, List<Object> a) {
        String p = a.isEmpty() ? "" : PsConvert.str(a.get(0));
        switch (n) {
            case "combine" -> {
                String out = "";
                for (Object o : a) {
                    String part = PsConvert.str(o);
                    if (part.startsWith("\\") || (part.length() > 1 && part.charAt(1) == ':')) {
                        out = part;
                    } else if (out.isEmpty() || out.endsWith("\\") || out.endsWith("/") || out.endsWith(":")) {
                        out = out + part;
                    } else {
                        out = out + "\\" + part;
                    }
                }
                return out;
            }
            case "getfilename" -> {
                return p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
            }
            case "getfilenamewithoutextension" -> {
                String name = p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
                int dot = name.lastIndexOf('.');
                return dot < 0 ? name : name.substring(0, dot);
            }
            case "getextension" -> {
                String name = p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
                int dot = name.lastIndexOf('.');
                return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot);
            }
            case "getdirectoryname" -> {
                int i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
                if (i < 0) {
                    return "";
                }
                if (p.length() <= 3 && p.length() > 1 && p.charAt(1) == ':') {
                    return null;
                }
                return i == 2 && p.charAt(1) == ':' ? p.substring(0, 3) : p.substring(0, i);
            }
            case "getfullpath" -> {
                return full(s, p);
            }
            case "getpathroot" -> {
                return p.length() > 1 && p.charAt(1) == ':' ? p.substring(0, Math.min(3, p.length())) : p.startsWith("\\") ? "\\" : "";
            }
            case "ispathrooted" -> {
                return p.startsWith("\\") || p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':');
            }
            case "hasextension" -> {
                return !((String) path(s, "getextension", a)).isEmpty();
            }
            case "changeextension" -> {
                String ext = a.get(1) == null ? "" : PsConvert.str(a.get(1));
                String base = p;
                int dot = p.lastIndexOf('.');
                if (dot > Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'))) {
                    base = p.substring(0, dot);
                }
                return ext.isEmpty() ? base : base + (ext.startsWith(".") ? ext : "." + ext);
            }
            case "gettemppath" -> {
                return s.env.getOrDefault("TEMP", "C:\\Users\\Administrator\\AppData\\Local\\Temp") + "\\";
            }
            case "getrandomfilename" -> {
                String r = Long.toString(Math.abs(new java.util.Random().nextLong()), 36) + "00000000000";
                return r.substring(0, 8) + "." + r.substring(8, 11);
            }
            case "gettempfilename" -> {
                String dir = s.env.getOrDefault("TEMP", "C:\\Users\\Administrator\\AppData\\Local\\Temp");
                String name = dir + "\\tmp" + Integer.toHexString(new java.util.Random().nextInt(0xffff)).toUpperCase() + ".tmp";
                try {
                    Path f = s.host.file(name);
                    Files.createDirectories(f.getParent());
                    Files.write(f, new byte[0]);
                } catch (IOException e) {
                    throw new NetException("System.IO.IOException", "The directory name is invalid.\r\n");
                }
                return name;
            }
            case "getinvalidfilenamechars" -> {
                return new Object[] {'"', '<', '>', '|', '\0', ':', '*', '?', '\\', '/'};
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    static Path existingParent(Session s, String full) {
        Path f = s.host.file(full);
        if (f.getParent() == null || !Files.isDirectory(f.getParent())) {
            throw new NetException("System.IO.DirectoryNotFoundException", "Could not find a part of the path '" + full + "'.");
        }
        return f;
    }

    static Charset encodingArg(List<Object> a, int index, Charset fallback) {
        return a.size() > index ? StreamObjects.charset(a.get(index)) : fallback;
    }

    private static Object file(Session s, String n, List<Object> a) {
        try {
            switch (n) {
                case "exists" -> {
                    return a.get(0) != null && !PsConvert.str(a.get(0)).isEmpty() && Files.isRegularFile(s.host.file(full(s, a.get(0))));
                }
                case "readallbytes", "readalltext", "readalllines" -> {
                    String p = full(s, a.get(0));
                    Path f = existingParent(s, p);
                    if (Files.isDirectory(f)) {
                        throw new NetException("System.UnauthorizedAccessException", "Access to the path '" + p + "' is denied.");
                    }
                    if (!Files.exists(f)) {
                        throw new NetException("System.IO.FileNotFoundException", "Could not find file '" + p + "'.");
                    }
                    byte[] b = Files.readAllBytes(f);
                    if (n.equals("readallbytes")) {
                        return b;
                    }
                    String text = FileText.decode(b, encodingArg(a, 1, StandardCharsets.UTF_8));
                    return n.equals("readalltext") ? text : FileText.lines(text).toArray();
                }
                case "writeallbytes", "writealltext", "writealllines", "appendalltext", "appendalllines" -> {
                    String p = full(s, a.get(0));
                    Path f = existingParent(s, p);
                    if (Files.isDirectory(f)) {
                        throw new NetException("System.UnauthorizedAccessException", "Access to the path '" + p + "' is denied.");
                    }
                    byte[] b;
                    if (n.equals("writeallbytes")) {
                        b = FileStreamMembers.bytes(a.get(1));
                    } else {
                        Charset cs = encodingArg(a, 2, StandardCharsets.UTF_8);
                        String text;
                        if (n.endsWith("lines")) {
                            StringBuilder sb = new StringBuilder();
                            for (Object line : PsConvert.items(a.get(1))) {
                                sb.append(PsConvert.str(line)).append("\r\n");
                            }
                            text = sb.toString();
                        } else {
                            text = PsConvert.str(a.get(1));
                        }
                        b = text.getBytes(cs);
                        if (a.size() > 2 && a.get(2) instanceof EncodingObject e && !n.startsWith("append")) {
                            b = concat(e.preamble(), b);
                        }
                    }
                    s.host.reserveDisk(b.length);
                    if (n.startsWith("append")) {
                        Files.write(f, b, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    } else {
                        Files.write(f, b);
                    }
                    return PsConvert.VOID;
                }
                case "delete" -> {
                    String p = full(s, a.get(0));
                    Path f = existingParent(s, p);
                    if (Files.isDirectory(f)) {
                        throw new NetException("System.UnauthorizedAccessException", "Access to the path '" + p + "' is denied.");
                    }
                    Files.deleteIfExists(f); // .NET's File.Delete does not throw for a missing file
                    return PsConvert.VOID;
                }
                case "copy", "move" -> {
                    String from = full(s, a.get(0));
                    String to = full(s, a.get(1));
                    Path src = s.host.file(from);
                    if (!Files.isRegularFile(src)) {
                        throw new NetException("System.IO.FileNotFoundException", "Could not find file '" + from + "'.");
                    }
                    Path dst = existingParent(s, to);
                    boolean overwrite = a.size() > 2 && PsConvert.truthy(a.get(2));
                    if (Files.exists(dst) && !overwrite) {
                        throw new NetException("System.IO.IOException", n.equals("copy") ? "The file '" + to + "' already exists."
                                : "Cannot create a file when that file already exists.\r\n");
                    }
                    s.host.reserveDisk(Files.size(src));
                    if (n.equals("copy")) {
                        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return PsConvert.VOID;
                }
                case "openread" -> {
                    String p = full(s, a.get(0));
                    return PsFileStream.open(p, s.host.file(p), "Open", "Read");
                }
                case "openwrite" -> {
                    String p = full(s, a.get(0));
                    return PsFileStream.open(p, s.host.file(p), "OpenOrCreate", "Write", s.host::reserveDisk);
                }
                case "create" -> {
                    String p = full(s, a.get(0));
                    return PsFileStream.open(p, s.host.file(p), "Create", "ReadWrite", s.host::reserveDisk);
                }
                case "open" -> {
                    String p = full(s, a.get(0));
                    return PsFileStream.open(p, s.host.file(p), PsConvert.str(a.get(1)), a.size() > 2 ? PsConvert.str(a.get(2)) : null,
                            s.host::reserveDisk);
                }
                case "getlastwritetime" -> {
                    Path f = s.host.file(full(s, a.get(0)));
                    return Dates.of(Files.getLastModifiedTime(f).toInstant(), s.host.zone());
                }
                default -> {
                    return DotNetObject.NONE;
                }
            }
        } catch (IOException e) {
            throw new NetException("System.IO.IOException", PsFileStream.DotNetException.of(e).getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object directory(Session s, String n, List<Object> a) {
        try {
            switch (n) {
                case "exists" -> {
                    return a.get(0) != null && Files.isDirectory(s.host.file(full(s, a.get(0))));
                }
                case "createdirectory" -> {
                    String p = full(s, a.get(0));
                    Files.createDirectories(s.host.file(p));
                    return ItemObjects.item(s, p, s.host.file(p));
                }
                case "delete" -> {
                    String p = full(s, a.get(0));
                    Path d = s.host.file(p);
                    if (!Files.isDirectory(d)) {
                        throw new NetException("System.IO.DirectoryNotFoundException", "Could not find a part of the path '" + p + "'.");
                    }
                    boolean recursive = a.size() > 1 && PsConvert.truthy(a.get(1));
                    try (Stream<Path> kids = Files.list(d)) {
                        if (kids.findAny().isPresent() && !recursive) {
                            throw new NetException("System.IO.IOException", "The directory is not empty.\r\n");
                        }
                    }
                    ItemObjects.deleteTree(d);
                    return PsConvert.VOID;
                }
                case "getfiles", "getdirectories", "getfilesystementries" -> {
                    String p = full(s, a.get(0));
                    Path d = s.host.file(p);
                    if (!Files.isDirectory(d)) {
                        throw new NetException("System.IO.DirectoryNotFoundException", "Could not find a part of the path '" + p + "'.");
                    }
                    String pattern = a.size() > 1 ? PsConvert.str(a.get(1)) : "*";
                    boolean all = a.size() > 2 && PsConvert.str(a.get(2)).equalsIgnoreCase("AllDirectories");
                    List<Object> out = new ArrayList<>();
                    ItemObjects.walk(s, p, d, all, (childPath, childFile) -> {
                        boolean dir = Files.isDirectory(childFile);
                        boolean want = n.equals("getfilesystementries") || (n.equals("getfiles") != dir);
                        if (want && Wildcard.matches(pattern, WinPath.name(childPath), true)) {
                            out.add(childPath);
                        }
                    });
                    return out.toArray();
                }
                case "getcurrentdirectory" -> {
                    return s.host.currentDirectory();
                }
                case "move" -> {
                    Files.move(s.host.file(full(s, a.get(0))), s.host.file(full(s, a.get(1))));
                    return PsConvert.VOID;
                }
                default -> {
                    return DotNetObject.NONE;
                }
            }
        } catch (IOException e) {
            throw new NetException("System.IO.IOException", PsFileStream.DotNetException.of(e).getMessage());
        }
    }
}
