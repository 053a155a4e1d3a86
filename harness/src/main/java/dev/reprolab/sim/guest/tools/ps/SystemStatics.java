package dev.reprolab.sim.guest.tools.ps;

import java.util.Base64;
import java.util.List;

/** Static members of System: Convert, Math, Environment, DateTime, TimeSpan, Guid, BitConverter, String, numbers. */
final class SystemStatics {

    private SystemStatics() {
    }

    static void registerAll() {
        StaticMembers.register("System.Convert", SystemStatics::convert);
        StaticMembers.register("System.Math", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "pi" -> Math.PI;
                    case "e" -> Math.E;
                    default -> DotNetObject.NONE;
                };
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return math(n, a);
            }
        });
        StaticMembers.register("System.Environment", new EnvironmentStatics());
        StaticMembers.register("System.DateTime", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "now" -> Dates.now(s.host);
                    case "utcnow" -> Dates.utcNow(s.host);
                    case "today" -> new PsDateTime(Dates.now(s.host).time().toLocalDate().atStartOfDay(), false);
                    case "minvalue" -> new PsDateTime(java.time.LocalDateTime.of(1, 1, 1, 0, 0), false);
                    case "maxvalue" -> new PsDateTime(java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900), false);
                    default -> DotNetObject.NONE;
                };
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return switch (n) {
                    case "parse", "parseexact" -> Dates.parse(a.get(0));
                    case "isleapyear" -> java.time.Year.isLeap(PsConvert.toInt(a.get(0)));
                    case "daysinmonth" -> java.time.YearMonth.of(PsConvert.toInt(a.get(0)), PsConvert.toInt(a.get(1))).lengthOfMonth();
                    case "fromfiletime", "fromfiletimeutc" -> new PsDateTime(java.time.LocalDateTime.of(1601, 1, 1, 0, 0)
                            .plusNanos(PsConvert.toLong(a.get(0)) * 100), n.endsWith("utc"));
                    default -> DotNetObject.NONE;
                };
            }
        });
        StaticMembers.register("System.TimeSpan", (ev, n, a) -> switch (n) {
            case "fromseconds" -> new PsTimeSpan(java.time.Duration.ofMillis(Math.round(PsConvert.toDouble(a.get(0)) * 1000)));
            case "fromminutes" -> new PsTimeSpan(java.time.Duration.ofMillis(Math.round(PsConvert.toDouble(a.get(0)) * 60_000)));
            case "fromhours" -> new PsTimeSpan(java.time.Duration.ofMillis(Math.round(PsConvert.toDouble(a.get(0)) * 3_600_000)));
            case "fromdays" -> new PsTimeSpan(java.time.Duration.ofMillis(Math.round(PsConvert.toDouble(a.get(0)) * 86_400_000)));
            case "frommilliseconds" -> new PsTimeSpan(java.time.Duration.ofMillis(Math.round(PsConvert.toDouble(a.get(0)))));
            case "parse" -> Dates.parseSpan(PsConvert.str(a.get(0)));
            default -> DotNetObject.NONE;
        });
        StaticMembers.register("System.Guid", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return name.equalsIgnoreCase("Empty") ? new GuidValue(new java.util.UUID(0, 0)) : DotNetObject.NONE;
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return n.equals("newguid") ? new GuidValue(java.util.UUID.randomUUID())
                        : n.equals("parse") ? Casts.to("System.Guid", a.get(0)) : DotNetObject.NONE;
            }
        });
        StaticMembers.register("System.BitConverter", (ev, n, a) -> {
            if (n.equals("tostring")) {
                byte[] b = FileStreamMembers.bytes(a.get(0));
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < b.length; i++) {
                    hex.append(i == 0 ? "" : "-").append(String.format("%02X", b[i] & 0xff));
                }
                return hex.toString();
            }
            if (n.equals("getbytes")) {
                long v = PsConvert.toLong(a.get(0));
                int size = a.get(0) instanceof Long ? 8 : 4;
                byte[] out = new byte[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (byte) (v >> (8 * i));
                }
                return out;
            }
            return DotNetObject.NONE;
        });
        StaticMembers.register("System.String", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return name.equalsIgnoreCase("Empty") ? "" : DotNetObject.NONE;
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return switch (n) {
                    case "isnullorempty" -> a.get(0) == null || PsConvert.str(a.get(0)).isEmpty();
                    case "join" -> {
                        List<Object> items = a.size() == 2 && PsConvert.isEnumerable(a.get(1)) ? PsConvert.items(a.get(1)) : a.subList(1, a.size());
                        yield Operators.binary("join", items.toArray(), a.get(0), -1, null);
                    }
                    case "format" -> DotNetFormat.format(PsConvert.str(a.get(0)), a.size() == 2 && PsConvert.isEnumerable(a.get(1))
                            ? PsConvert.items(a.get(1)) : a.subList(1, a.size()));
                    case "concat" -> {
                        StringBuilder sb = new StringBuilder();
                        for (Object o : a.size() == 1 && PsConvert.isEnumerable(a.get(0)) ? PsConvert.items(a.get(0)) : a) {
                            sb.append(PsConvert.str(o));
                        }
                        yield sb.toString();
                    }
                    case "compare" -> Integer.signum(Compare.compare(a.get(0), a.get(1), !(a.size() > 2 && PsConvert.truthy(a.get(2)))));
                    case "equals" -> PsConvert.str(a.get(0)).equals(PsConvert.str(a.get(1)));
                    default -> DotNetObject.NONE;
                };
            }
        });
        numberType("System.Int32", Integer.MAX_VALUE, Integer.MIN_VALUE);
        numberType("System.Int64", Long.MAX_VALUE, Long.MIN_VALUE);
        numberType("System.Byte", 255, 0);
        numberType("System.Double", Double.MAX_VALUE, -Double.MAX_VALUE);
        StaticMembers.register("System.Char", (ev, n, a) -> switch (n) {
            case "isdigit" -> Character.isDigit(PsConvert.str(a.get(0)).charAt(0));
            case "isletter" -> Character.isLetter(PsConvert.str(a.get(0)).charAt(0));
            case "iswhitespace" -> Character.isWhitespace(PsConvert.str(a.get(0)).charAt(0));
            case "isupper" -> Character.isUpperCase(PsConvert.str(a.get(0)).charAt(0));
            case "islower" -> Character.isLowerCase(PsConvert.str(a.get(0)).charAt(0));
            default -> DotNetObject.NONE;
        });
        StaticMembers.register("System.Threading.Thread", (ev, n, a) -> {
            if (n.equals("sleep")) {
                try {
                    ev.session.host.sleep(java.time.Duration.ofMillis(PsConvert.toLong(a.get(0))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PsInterpreter.Stopped();
                }
                return PsConvert.VOID;
            }
            return DotNetObject.NONE;
        });
        StaticMembers.register("System.Console", (ev, n, a) -> {
            if (n.equals("writeline") || n.equals("write")) {
                String text = a.isEmpty() ? "" : a.size() > 1 ? DotNetFormat.format(PsConvert.str(a.get(0)), a.subList(1, a.size()))
                        : PsConvert.str(a.get(0));
                ev.session.out.accept(text + (n.equals("writeline") ? "\r\n" : ""));
                return PsConvert.VOID;
            }
            if (n.equals("readline")) {
                return null;
            }
            return DotNetObject.NONE;
        });
        StaticMembers.register("System.Text.Encoding", new EncodingObject.Statics());
        StaticMembers.register("System.Text.RegularExpressions.Regex", DotNetRegexObject::statics);
        StaticMembers.register("System.Security.Cryptography.SHA256", HashObject.factory("SHA-256", "SHA256Managed"));
        StaticMembers.register("System.Security.Cryptography.SHA1", HashObject.factory("SHA-1", "SHA1CryptoServiceProvider"));
        StaticMembers.register("System.Security.Cryptography.MD5", HashObject.factory("MD5", "MD5CryptoServiceProvider"));
        StaticMembers.register("System.Security.Cryptography.SHA512", HashObject.factory("SHA-512", "SHA512Managed"));
        StaticMembers.register("System.Security.Cryptography.SHA384", HashObject.factory("SHA-384", "SHA384Managed"));
        StaticMembers.register("System.Security.Cryptography.HashAlgorithm", (ev, n, a) -> n.equals("create")
                ? HashObject.byName(PsConvert.str(a.get(0))) : DotNetObject.NONE);
        StaticMembers.register("System.Array", (ev, n, a) -> {
            if (n.equals("reverse")) {
                Object[] arr = (Object[]) a.get(0);
                java.util.Collections.reverse(java.util.Arrays.asList(arr));
                return PsConvert.VOID;
            }
            if (n.equals("indexof")) {
                List<Object> items = PsConvert.items(a.get(0));
                for (int i = 0; i < items.size(); i++) {
                    if (Compare.equal(items.get(i), a.get(1), true)) {
                        return i;
                    }
                }
                return -1;
            }
            if (n.equals("sort")) {
                java.util.Arrays.sort((Object[]) a.get(0), (x, y) -> Compare.compare(x, y, false));
                return PsConvert.VOID;
            }
            return DotNetObject.NONE;
        });
    }

    private static void numberType(String name, Object max, Object min) {
        StaticMembers.register(name, new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String p) {
                return p.equalsIgnoreCase("MaxValue") ? max : p.equalsIgnoreCase("MinValue") ? min : DotNetObject.NONE;
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                if (n.equals("parse")) {
                    return Casts.to(name, a.get(0));
                }
                if (n.equals("tryparse")) {
                    try {
                        Casts.to(name, a.get(0));
                        return true;
                    } catch (PsError e) {
                        return false;
                    }
                }
                return DotNetObject.NONE;
            }
        });
    }

    private static Object convert(Evaluator ev, String n, List<Object> a) {
        switch (n) {
            case "frombase64string" -> {
                if (a.size() != 1) {
                    throw StaticMembers.overload("FromBase64String", a.size());
                }
                return fromBase64(PsConvert.str(a.get(0)));
            }
            case "tobase64string" -> {
                byte[] b = FileStreamMembers.bytes(a.get(0));
                if (b == null) {
                    throw new NetException("System.ArgumentNullException", "Value cannot be null.\r\nParameter name: inArray");
                }
                if (a.size() == 3) {
                    int off = PsConvert.toInt(a.get(1));
                    int len = PsConvert.toInt(a.get(2));
                    if (off < 0 || len < 0 || (long) off + len > b.length) {
                        throw new NetException("System.ArgumentOutOfRangeException", "Index was out of range. Must be"
                                + " non-negative and less than the size of the collection.\r\nParameter name: offset");
                    }
                    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off, off + len));
                }
                if (a.size() != 1) {
                    throw StaticMembers.overload("ToBase64String", a.size());
                }
                return Base64.getEncoder().encodeToString(b);
            }
            case "toint32", "toint16" -> {
                if (a.size() == 2) {
                    return (int) Long.parseLong(PsConvert.str(a.get(0)).replaceFirst("^0[xX]", ""), PsConvert.toInt(a.get(1)));
                }
                return PsConvert.toInt(a.get(0));
            }
            case "toint64" -> {
                if (a.size() == 2) {
                    return Long.parseLong(PsConvert.str(a.get(0)).replaceFirst("^0[xX]", ""), PsConvert.toInt(a.get(1)));
                }
                return PsConvert.toLong(a.get(0));
            }
            case "tobyte" -> {
                return Casts.to("System.Byte", a.get(0));
            }
            case "todouble" -> {
                return PsConvert.toDouble(a.get(0));
            }
            case "tostring" -> {
                if (a.size() == 2) {
                    long v = PsConvert.toLong(a.get(0));
                    return Long.toString(v, PsConvert.toInt(a.get(1)));
                }
                return PsConvert.str(a.get(0));
            }
            case "toboolean" -> {
                return PsConvert.truthy(a.get(0));
            }
            case "todatetime" -> {
                return Dates.parse(a.get(0));
            }
            case "tochar" -> {
                return Casts.to("System.Char", a.get(0));
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    /** Convert.FromBase64String with .NET 2.0's messages (whitespace is ignored, as .NET does). */
    static byte[] fromBase64(String s) {
        String clean = s.replaceAll("[ \t\r\n]", "");
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (!ok) {
                throw new NetException("System.FormatException", "Invalid character in a Base-64 string.");
            }
        }
        if (clean.length() % 4 != 0) {
            throw new NetException("System.FormatException", "Invalid length for a Base-64 char array.");
        }
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new NetException("System.FormatException", "Invalid character in a Base-64 string.");
        }
    }

    private static Object math(String n, List<Object> a) {
        double x = a.isEmpty() ? 0 : PsConvert.toDouble(a.get(0));
        switch (n) {
            case "round" -> {
                int digits = a.size() > 1 ? PsConvert.toInt(a.get(1)) : 0;
                java.math.BigDecimal r = new java.math.BigDecimal(Double.toString(x)).setScale(digits, java.math.RoundingMode.HALF_EVEN);
                return a.get(0) instanceof java.math.BigDecimal ? r : (Object) r.doubleValue();
            }
            case "floor" -> {
                return Math.floor(x);
            }
            case "ceiling" -> {
                return Math.ceil(x);
            }
            case "truncate" -> {
                return (double) (long) x;
            }
            case "abs" -> {
                Object v = a.get(0);
                return v instanceof Integer i ? (Object) Math.abs(i) : v instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(x);
            }
            case "max", "min" -> {
                Object l = a.get(0);
                Object r = a.get(1);
                boolean leftBigger = Compare.compare(l, r, false) >= 0;
                return n.equals("max") == leftBigger ? l : r;
            }
            case "pow" -> {
                return Math.pow(x, PsConvert.toDouble(a.get(1)));
            }
            case "sqrt" -> {
                return Math.sqrt(x);
            }
            case "log" -> {
                return a.size() > 1 ? Math.log(x) / Math.log(PsConvert.toDouble(a.get(1))) : Math.log(x);
            }
            case "log10" -> {
                return Math.log10(x);
            }
            case "exp" -> {
                return Math.exp(x);
            }
            case "sin" -> {
                return Math.sin(x);
            }
            case "cos" -> {
                return Math.cos(x);
            }
            case "tan" -> {
                return Math.tan(x);
            }
            case "sign" -> {
                return (int) Math.signum(x);
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }
}
