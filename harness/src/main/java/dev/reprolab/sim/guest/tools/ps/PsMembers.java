package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import dev.reprolab.sim.guest.tools.ps.PsFileStream.DotNetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Static and instance members of the .NET types the subset uses (Convert, IO.File, FileStream, arrays). */
final class PsMembers {

    private final PsHost host;

    PsMembers(PsHost host) {
        this.host = host;
    }

    String resolve(Object path) {
        return WinPath.resolve(host.currentDirectory(), PsValues.toStr(path));
    }

    Object property(Object target, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (target instanceof byte[] b && (n.equals("length") || n.equals("count"))) {
            return (long) b.length;
        }
        if (target instanceof Object[] a) {
            if (n.equals("length") || n.equals("count")) {
                return (long) a.length;
            }
            // PowerShell 2.0 does not unroll member access over arrays (3.0 does): a missing property is null.
            return null;
        }
        if (target instanceof String s && n.equals("length")) {
            return (long) s.length();
        }
        if (target instanceof PsFileStream s) {
            return switch (n) {
                case "length" -> s.length();
                case "position" -> s.position();
                case "name" -> s.windowsPath();
                default -> null;
            };
        }
        if (target instanceof PsObject o) {
            return o.get(name);
        }
        return null;
    }

    Object invoke(Object target, String name, List<Object> args, int nameEnd) {
        if (target == null) {
            throw PsError.nullMethod(name).at(nameEnd);
        }
        String n = name.toLowerCase(Locale.ROOT);
        try {
            if (target instanceof PsFileStream s) {
                switch (n) {
                    case "write" -> {
                        arity(name, args, 3, nameEnd);
                        s.write(bytes(args.get(0)), PsValues.toInt(args.get(1)), PsValues.toInt(args.get(2)));
                        return PsValues.VOID;
                    }
                    case "read" -> {
                        arity(name, args, 3, nameEnd);
                        return (long) s.read(bytes(args.get(0)), PsValues.toInt(args.get(1)),
                                PsValues.toInt(args.get(2)));
                    }
                    case "seek" -> {
                        arity(name, args, 2, nameEnd);
                        return s.seek(PsValues.toLong(args.get(0)), PsValues.toStr(args.get(1)));
                    }
                    case "close", "dispose" -> {
                        s.close();
                        return PsValues.VOID;
                    }
                    case "flush" -> {
                        return PsValues.VOID;
                    }
                    default -> {
                    }
                }
                throw PsError.noMethod("System.IO.FileStream", name).at(nameEnd);
            }
            if (target instanceof PsValues.DateTime d) {
                switch (n) {
                    case "addseconds" -> {
                        return new PsValues.DateTime(d.instant().plusMillis((long) (PsValues.toLong(args.get(0)) * 1000)));
                    }
                    case "addmilliseconds" -> {
                        return new PsValues.DateTime(d.instant().plusMillis(PsValues.toLong(args.get(0))));
                    }
                    case "tostring" -> {
                        return !args.isEmpty() && "o".equals(PsValues.toStr(args.get(0))) ? d.roundTrip() : d.toString();
                    }
                    default -> throw PsError.noMethod("System.DateTime", name).at(nameEnd);
                }
            }
            if (target instanceof PsValues.Sha256 && n.equals("computehash")) {
                arity(name, args, 1, nameEnd);
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                if (args.get(0) instanceof PsFileStream fs) {
                    byte[] buf = new byte[1 << 16];
                    for (int k; (k = fs.read(buf, 0, buf.length)) > 0; ) {
                        md.update(buf, 0, k);
                    }
                } else {
                    md.update(bytes(args.get(0)));
                }
                return md.digest();
            }
            if (n.equals("tostring")) {
                return PsValues.toStr(target);
            }
            throw PsError.noMethod(typeName(target), name).at(nameEnd);
        } catch (DotNetException e) {
            throw PsError.dotNet(name, args.size(), e.getMessage()).at(nameEnd);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void arity(String name, List<Object> args, int expected, int nameEnd) {
        if (args.size() != expected) {
            throw new PsError("Cannot find an overload for \"" + name + "\" and the argument count: \""
                    + args.size() + "\".", "NotSpecified: (:) [], MethodException", "MethodCountCouldNotFindBest")
                    .at(nameEnd);
        }
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v == null) {
            return null;
        }
        return (byte[]) PsValues.cast("byte[]", v, -1);
    }

    static String typeName(Object v) {
        if (v instanceof String) {
            return "System.String";
        }
        if (v instanceof Long) {
            return "System.Int32";
        }
        if (v instanceof byte[]) {
            return "System.Byte[]";
        }
        if (v instanceof Object[]) {
            return "System.Object[]";
        }
        if (v instanceof Boolean) {
            return "System.Boolean";
        }
        if (v instanceof PsObject o) {
            return o.typeName();
        }
        return "System.Object";
    }

    Object staticProperty(PsValues.TypeRef type, String name, int nameEnd) {
        String member = name.toLowerCase(Locale.ROOT);
        if (type.name().equals("datetime") && (member.equals("utcnow") || member.equals("now"))) {
            return new PsValues.DateTime(host.now());
        }
        List<String> values = switch (type.name()) {
            case "io.filemode" -> List.of("CreateNew", "Create", "Open", "OpenOrCreate", "Truncate", "Append");
            case "io.fileaccess" -> List.of("Read", "Write", "ReadWrite");
            case "io.seekorigin" -> List.of("Begin", "Current", "End");
            default -> List.of();
        };
        for (String v : values) {
            if (v.equalsIgnoreCase(member)) {
                return new PsValues.EnumValue(type.name(), v);
            }
        }
        return null;
    }

    Object invokeStatic(PsValues.TypeRef type, String name, List<Object> args, int nameEnd) {
        String m = name.toLowerCase(Locale.ROOT);
        try {
            switch (type.name() + "::" + m) {
                case "convert::frombase64string" -> {
                    arity(name, args, 1, nameEnd);
                    return fromBase64(PsValues.toStr(args.get(0)));
                }
                case "convert::tobase64string" -> {
                    byte[] b = bytes(args.get(0));
                    if (b == null) {
                        throw new DotNetException("Value cannot be null.\r\nParameter name: inArray");
                    }
                    if (args.size() == 3) {
                        int off = PsValues.toInt(args.get(1));
                        int len = PsValues.toInt(args.get(2));
                        if (off < 0 || len < 0 || (long) off + len > b.length) {
                            throw new DotNetException("Index was out of range. Must be non-negative and less than"
                                    + " the size of the collection.\r\nParameter name: offset");
                        }
                        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off, off + len));
                    }
                    arity(name, args, 1, nameEnd);
                    return Base64.getEncoder().encodeToString(b);
                }
                case "security.cryptography.sha256::create" -> {
                    return new PsValues.Sha256();
                }
                case "bitconverter::tostring" -> {
                    byte[] b = bytes(args.get(0));
                    StringBuilder hex = new StringBuilder();
                    for (int i = 0; i < b.length; i++) {
                        hex.append(i == 0 ? "" : "-").append(String.format("%02X", b[i] & 0xff));
                    }
                    return hex.toString();
                }
                case "io.file::openread" -> {
                    arity(name, args, 1, nameEnd);
                    String p = resolve(args.get(0));
                    return PsFileStream.open(p, host.file(p), "Open", "Read");
                }
                case "io.file::exists" -> {
                    arity(name, args, 1, nameEnd);
                    String p = resolve(args.get(0));
                    return Files.isRegularFile(host.file(p));
                }
                case "io.file::readallbytes" -> {
                    arity(name, args, 1, nameEnd);
                    String p = resolve(args.get(0));
                    Path f = host.file(p);
                    if (Files.isDirectory(f)) {
                        throw new DotNetException("Access to the path '" + p + "' is denied.");
                    }
                    if (!Files.isDirectory(f.getParent())) {
                        throw new DotNetException("Could not find a part of the path '" + p + "'.");
                    }
                    if (!Files.exists(f)) {
                        throw new DotNetException("Could not find file '" + p + "'.");
                    }
                    return Files.readAllBytes(f);
                }
                case "io.file::writeallbytes" -> {
                    arity(name, args, 2, nameEnd);
                    String p = resolve(args.get(0));
                    try (PsFileStream s = PsFileStream.open(p, host.file(p), "Create", "Write", host::reserveDisk)) {
                        byte[] b = bytes(args.get(1));
                        s.write(b, 0, b.length);
                    }
                    return PsValues.VOID;
                }
                case "io.file::delete" -> {
                    arity(name, args, 1, nameEnd);
                    String p = resolve(args.get(0));
                    Path f = host.file(p);
                    if (!Files.isDirectory(f.getParent())) {
                        throw new DotNetException("Could not find a part of the path '" + p + "'.");
                    }
                    if (Files.isDirectory(f)) {
                        throw new DotNetException("Access to the path '" + p + "' is denied.");
                    }
                    // .NET's File.Delete does not throw for a missing file.
                    Files.deleteIfExists(f);
                    return PsValues.VOID;
                }
                default -> {
                }
            }
        } catch (DotNetException e) {
            throw PsError.dotNet(name, args.size(), e.getMessage()).at(nameEnd);
        } catch (IOException e) {
            throw PsError.dotNet(name, args.size(), DotNetException.of(e).getMessage()).at(nameEnd);
        }
        throw PsError.noMethod(dotNetName(type), name).at(nameEnd);
    }

    private static String dotNetName(PsValues.TypeRef type) {
        return switch (type.name()) {
            case "convert" -> "System.Convert";
            case "io.file" -> "System.IO.File";
            case "io.path" -> "System.IO.Path";
            case "math" -> "System.Math";
            case "datetime" -> "System.DateTime";
            default -> "System." + type.name();
        };
    }

    /** Convert.FromBase64String with .NET 2.0's messages (whitespace is ignored, as .NET does). */
    static byte[] fromBase64(String s) {
        String clean = s.replaceAll("[ \t\r\n]", "");
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '=';
            if (!ok) {
                throw new DotNetException("Invalid character in a Base-64 string.");
            }
        }
        if (clean.length() % 4 != 0) {
            throw new DotNetException("Invalid length for a Base-64 char array.");
        }
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new DotNetException("Invalid character in a Base-64 string.");
        }
    }
}
