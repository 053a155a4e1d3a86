package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/** System.IO.FileStream's methods over {@link PsFileStream}. */
final class FileStreamMembers {

    private FileStreamMembers() {
    }

    static Object call(PsFileStream s, String n, List<Object> a) {
        switch (n) {
            case "write" -> {
                arity(n, a, 3);
                s.write(bytes(a.get(0)), PsConvert.toInt(a.get(1)), PsConvert.toInt(a.get(2)));
                return PsConvert.VOID;
            }
            case "read" -> {
                arity(n, a, 3);
                return s.read(bytes(a.get(0)), PsConvert.toInt(a.get(1)), PsConvert.toInt(a.get(2)));
            }
            case "seek" -> {
                arity(n, a, 2);
                return s.seek(PsConvert.toLong(a.get(0)), PsConvert.str(a.get(1)));
            }
            case "close", "dispose" -> {
                s.close();
                return PsConvert.VOID;
            }
            case "flush" -> {
                return PsConvert.VOID;
            }
            case "writebyte" -> {
                s.write(new byte[] {(byte) PsConvert.toInt(a.get(0))}, 0, 1);
                return PsConvert.VOID;
            }
            case "readbyte" -> {
                byte[] b = new byte[1];
                return s.read(b, 0, 1) == 1 ? b[0] & 0xff : -1;
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    static void arity(String name, List<Object> args, int expected) {
        if (args.size() != expected) {
            throw new PsError("Cannot find an overload for \"" + name + "\" and the argument count: \"" + args.size() + "\".",
                    "NotSpecified: (:) [], MethodException", "MethodCountCouldNotFindBest");
        }
    }

    static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v == null) {
            return null;
        }
        return (byte[]) Casts.to("System.Byte[]", v);
    }
}
