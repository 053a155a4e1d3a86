package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** File content and path arithmetic: Get/Set/Add/Clear-Content, Join-Path, Split-Path, Resolve-Path, item properties. */
final class ContentCmdlets {

    private ContentCmdlets() {
    }

    static final Charset ANSI = Charset.forName("windows-1252");

    static void register(Cmdlets c) {
        c.add("Get-Content", "Path@0=PSPath,LiteralPath,TotalCount=First=Head,ReadCount,Encoding,Force!,Filter,Include,Exclude,Delimiter",
                ContentCmdlets::getContent);
        c.add("Set-Content", "Path@0=PSPath,Value@1,LiteralPath,Encoding,Force!,PassThru!,?", x -> setContent(x, false));
        c.add("Add-Content", "Path@0=PSPath,Value@1,LiteralPath,Encoding,Force!,PassThru!,?", x -> setContent(x, true));
        c.add("Clear-Content", "Path@0=PSPath,LiteralPath,Force!,?", x -> {
            for (String p : ItemCmdlets.expand(x, x.get("Path"), true)) {
                OutputFiles.write(x.session, p, "", false, ANSI, false);
            }
        });
        c.add("Join-Path", "Path@0=PSPath,ChildPath@1,Resolve!", ContentCmdlets::joinPath);
        c.add("Split-Path", "Path@0=PSPath,Parent!,Leaf!,Qualifier!,NoQualifier!,IsAbsolute!,Resolve!,LiteralPath", ContentCmdlets::splitPath);
        c.add("Resolve-Path", "Path@0=PSPath,LiteralPath,Relative!", ContentCmdlets::resolvePath);
        c.add("Get-ItemProperty", "Path@0=PSPath,Name@1,LiteralPath", Registry::getItemProperty);
        c.add("Set-ItemProperty", "Path@0=PSPath,Name@1,Value@2,Type,PassThru!,Force!,?", Registry::setItemProperty);
        c.add("New-ItemProperty", "Path@0=PSPath,Name@1,Value,PropertyType=Type,Force!,?", Registry::setItemProperty);
    }

    private static void getContent(CmdletCall c) {
        Object spec = c.has("LiteralPath") ? c.get("LiteralPath") : c.has("Path") ? c.get("Path") : c.input == null ? null : c.input.toArray();
        int total = c.has("TotalCount") ? PsConvert.toInt(c.get("TotalCount")) : -1;
        int readCount = c.has("ReadCount") ? PsConvert.toInt(c.get("ReadCount")) : 1;
        for (String path : ItemCmdlets.expand(c, spec, true)) {
            Path f = c.session.host.file(path);
            if (Files.isDirectory(f)) {
                c.error(c.err("Access to the path '" + path + "' is denied.", "PermissionDenied: (" + path + ":String) [Get-Content],"
                        + " UnauthorizedAccessException", "GetContentReaderUnauthorizedAccessError"));
                continue;
            }
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                c.error(c.err(e.getMessage(), "ReadError: (" + path + ":String) [Get-Content], IOException", "GetContentReaderIOError"));
                continue;
            }
            String enc = c.str("Encoding");
            if (enc != null && enc.equalsIgnoreCase("Byte")) {
                for (int i = 0; i < b.length && (total < 0 || i < total); i++) {
                    c.out((byte) b[i]);
                }
                continue;
            }
            String text = FileText.decode(b, OutputFiles.encoding(enc, ANSI));
            List<String> lines = FileText.lines(text);
            if (total >= 0 && lines.size() > total) {
                lines = lines.subList(0, total);
            }
            if (readCount <= 0) {
                c.out(lines.toArray());
            } else if (readCount == 1) {
                for (String l : lines) {
                    c.out(l);
                }
            } else {
                for (int i = 0; i < lines.size(); i += readCount) {
                    c.out(lines.subList(i, Math.min(lines.size(), i + readCount)).toArray());
                }
            }
        }
    }

    private static void setContent(CmdletCall c, boolean append) {
        List<Object> values = c.has("Value") ? c.list("Value") : c.input == null ? List.of() : c.input;
        String enc = c.str("Encoding");
        StringBuilder text = new StringBuilder();
        byte[] raw = null;
        if (enc != null && enc.equalsIgnoreCase("Byte")) {
            raw = new byte[values.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) PsConvert.toInt(values.get(i));
            }
        } else {
            for (Object v : values) {
                text.append(PsConvert.str(v)).append("\r\n");
            }
        }
        Object spec = c.has("LiteralPath") ? c.get("LiteralPath") : c.get("Path");
        for (Object p : PsConvert.isEnumerable(spec) ? PsConvert.items(spec) : List.of(spec)) {
            String path = c.path(p);
            Path f = c.session.host.file(path);
            if (f.getParent() == null || !Files.isDirectory(f.getParent())) {
                c.error(c.err("Could not find a part of the path '" + path + "'.", "ObjectNotFound: (" + path + ":String) ["
                        + c.def.name() + "], DirectoryNotFoundException", "GetContentWriterDirectoryNotFoundError"));
                continue;
            }
            if (raw != null) {
                try {
                    c.session.host.reserveDisk(raw.length);
                    if (append) {
                        Files.write(f, raw, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    } else {
                        Files.write(f, raw);
                    }
                } catch (IOException e) {
                    c.error(c.err(PsFileStream.DotNetException.of(e).getMessage(), "WriteError: (:) [], IOException", "WriteError"));
                }
                continue;
            }
            Charset cs = OutputFiles.encoding(enc, ANSI);
            boolean bom = enc != null && !enc.equalsIgnoreCase("ascii") && !enc.equalsIgnoreCase("default") && !enc.equalsIgnoreCase("oem");
            try {
                OutputFiles.write(c.session, path, text.toString(), append, cs, bom);
            } catch (PsError e) {
                c.error(e);
            }
        }
    }

    private static void joinPath(CmdletCall c) {
        for (Object p : c.list("Path")) {
            String parent = PsConvert.str(p);
            String child = c.str("ChildPath");
            if (child == null) {
                throw c.err("Cannot bind argument to parameter 'ChildPath' because it is null.", "InvalidData: (:) [Join-Path],"
                        + " ParameterBindingValidationException", "ParameterArgumentValidationErrorNullNotAllowed");
            }
            String joined = parent.endsWith("\\") ? parent + (child.startsWith("\\") ? child.substring(1) : child)
                    : parent + (child.startsWith("\\") ? child : "\\" + child);
            c.out(c.sw("Resolve") ? c.path(joined) : joined);
        }
    }

    private static void splitPath(CmdletCall c) {
        Object spec = c.has("Path") ? c.get("Path") : c.has("LiteralPath") ? c.get("LiteralPath") : c.input == null ? null : c.input.toArray();
        if (spec == null) {
            throw c.err("Cannot bind argument to parameter 'Path' because it is null.", "InvalidData: (:) [Split-Path],"
                    + " ParameterBindingValidationException", "ParameterArgumentValidationErrorNullNotAllowed");
        }
        for (Object p : PsConvert.isEnumerable(spec) ? PsConvert.items(spec) : List.of(spec)) {
            String s = PsConvert.str(p);
            if (c.sw("Leaf")) {
                String t = s.endsWith("\\") && s.length() > 3 ? s.substring(0, s.length() - 1) : s;
                c.out(t.substring(t.lastIndexOf('\\') + 1));
            } else if (c.sw("Qualifier")) {
                c.out(s.length() > 1 && s.charAt(1) == ':' ? s.substring(0, 2) : s);
            } else if (c.sw("NoQualifier")) {
                c.out(s.length() > 1 && s.charAt(1) == ':' ? s.substring(2) : s);
            } else if (c.sw("IsAbsolute")) {
                c.out(s.length() > 2 && s.charAt(1) == ':' && s.charAt(2) == '\\' || s.startsWith("\\\\"));
            } else {
                int i = s.lastIndexOf('\\');
                if (i < 0) {
                    c.out("");
                } else if (i == 2 && s.charAt(1) == ':') {
                    c.out(s.length() == 3 ? "" : s.substring(0, 3));
                } else {
                    c.out(s.substring(0, i));
                }
            }
        }
    }

    private static void resolvePath(CmdletCall c) {
        Object spec = c.has("Path") ? c.get("Path") : c.get("LiteralPath");
        for (String path : ItemCmdlets.expand(c, spec, true)) {
            if (c.sw("Relative")) {
                String base = c.session.location;
                c.out(path.regionMatches(true, 0, base, 0, base.length()) ? "." + path.substring(base.length()) : path);
            } else {
                c.out(PathInfo.of(path));
            }
        }
        assert WinPath.name("C:\\") != null;
    }
}
