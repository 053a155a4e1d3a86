package dev.reprolab.sim.guest.tools.ps;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** System.Text.Encoding instances (UTF8, ASCII, Unicode, BigEndianUnicode, UTF32, Default = Windows-1252). */
record EncodingObject(String name, Charset charset, String webName, byte[] preamble) implements DotNetObject {

    static EncodingObject named(String n) {
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "utf8", "utf-8" -> new EncodingObject("System.Text.UTF8Encoding", StandardCharsets.UTF_8, "utf-8", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case "ascii", "us-ascii" -> new EncodingObject("System.Text.ASCIIEncoding", StandardCharsets.US_ASCII, "us-ascii", new byte[0]);
            case "unicode", "utf-16" -> new EncodingObject("System.Text.UnicodeEncoding", StandardCharsets.UTF_16LE, "utf-16", new byte[] {(byte) 0xFF, (byte) 0xFE});
            case "bigendianunicode" -> new EncodingObject("System.Text.UnicodeEncoding", StandardCharsets.UTF_16BE, "utf-16BE", new byte[] {(byte) 0xFE, (byte) 0xFF});
            case "utf32" -> new EncodingObject("System.Text.UTF32Encoding", Charset.forName("UTF-32LE"), "utf-32", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
            case "utf7" -> new EncodingObject("System.Text.UTF7Encoding", StandardCharsets.UTF_8, "utf-7", new byte[0]);
            case "default", "windows-1252" -> new EncodingObject("System.Text.SBCSCodePageEncoding", Charset.forName("windows-1252"), "Windows-1252", new byte[0]);
            case "oem" -> new EncodingObject("System.Text.SBCSCodePageEncoding", Charset.forName("IBM437"), "ibm437", new byte[0]);
            default -> null;
        };
    }

    @Override
    public String typeName() {
        return name;
    }

    @Override
    public Object property(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "webname", "bodyname", "headername" -> webName;
            case "encodingname" -> switch (webName) {
                case "utf-8" -> "Unicode (UTF-8)";
                case "us-ascii" -> "US-ASCII";
                case "utf-16" -> "Unicode";
                default -> webName;
            };
            case "codepage" -> switch (webName) {
                case "utf-8" -> 65001;
                case "us-ascii" -> 20127;
                case "utf-16" -> 1200;
                case "utf-16BE" -> 1201;
                case "ibm437" -> 437;
                default -> 1252;
            };
            default -> NONE;
        };
    }

    @Override
    public Object call(String n, List<Object> a) {
        switch (n.toLowerCase(Locale.ROOT)) {
            case "getbytes" -> {
                Object v = a.get(0);
                String s = v instanceof Object[] arr ? joinChars(arr) : PsConvert.str(v);
                return s.getBytes(charset);
            }
            case "getstring" -> {
                byte[] b = FileStreamMembers.bytes(a.get(0));
                if (a.size() == 3) {
                    return new String(b, PsConvert.toInt(a.get(1)), PsConvert.toInt(a.get(2)), charset);
                }
                return new String(b, charset);
            }
            case "getpreamble" -> {
                return preamble.clone();
            }
            case "getbytecount" -> {
                return PsConvert.str(a.get(0)).getBytes(charset).length;
            }
            default -> {
                return NONE;
            }
        }
    }

    private static String joinChars(Object[] arr) {
        StringBuilder sb = new StringBuilder();
        for (Object o : arr) {
            sb.append(PsConvert.str(o));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** [Text.Encoding]::UTF8 etc. */
    static final class Statics implements StaticMembers.StaticType {
        @Override
        public Object property(Session s, String p) {
            EncodingObject e = named(p);
            return e == null || p.equalsIgnoreCase("oem") ? NONE : e;
        }

        @Override
        public Object call(Evaluator ev, String n, List<Object> a) {
            if (n.equals("getencoding")) {
                Object v = a.get(0);
                EncodingObject e = PsConvert.isNumber(v) ? switch (PsConvert.toInt(v)) {
                    case 65001 -> named("utf8");
                    case 20127 -> named("ascii");
                    case 1200 -> named("unicode");
                    case 437 -> named("oem");
                    default -> named("default");
                } : named(PsConvert.str(v));
                if (e == null) {
                    throw new NetException("System.ArgumentException", "'" + PsConvert.str(v) + "' is not a supported encoding name.\r\nParameter name: name");
                }
                return e;
            }
            return NONE;
        }
    }
}
