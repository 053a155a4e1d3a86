package dev.reprolab.sim.guest.tools.ps;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * PowerShell's conversion rules for the runtime's values: ToString as .NET prints (doubles with 15 significant
 * digits, arrays joined by $OFS), numbers from strings (hex, exponents, whitespace), truthiness, and the errors
 * PowerShell 2.0 raises when a conversion fails.
 */
final class PsConvert {

    /** The result of a {@code [void]} cast: prints nothing. */
    static final Object VOID = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    private PsConvert() {
    }

    static String str(Object v) {
        if (v == null || v == VOID) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return dbl(d);
        }
        if (v instanceof Float f) {
            return dbl(f.doubleValue());
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Object[] || v instanceof byte[] || v instanceof PsArrayList || v instanceof int[]) {
            return joinItems(items(v));
        }
        return v.toString();
    }

    static String joinItems(List<Object> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(str(items.get(i)));
        }
        return sb.toString();
    }

    /** .NET's Double.ToString(): 15 significant digits, E+XX notation outside 1e-5..1e15. */
    static String dbl(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(15, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp >= 15 || exp < -5) {
            String digits = bd.unscaledValue().abs().toString();
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mant + "E" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return bd.toPlainString();
    }

    /** Values a pipeline enumerates: arrays and lists item by item; anything else (hashtables too) as itself. */
    static boolean isEnumerable(Object v) {
        return v instanceof Object[] || v instanceof byte[] || v instanceof Collection || v instanceof int[];
    }

    static List<Object> items(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(o);
            }
        } else if (v instanceof byte[] b) {
            for (byte x : b) {
                out.add(x & 0xff);
            }
        } else if (v instanceof int[] ints) {
            for (int x : ints) {
                out.add(x);
            }
        } else if (v instanceof Collection<?> c) {
            out.addAll(c);
        } else if (v != null) {
            out.add(v);
        }
        return out;
    }

    /** The output of a pipeline as a value: nothing → null, one item → that item, more → object[]. */
    static Object collapse(List<Object> items) {
        if (items.isEmpty()) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : items.toArray();
    }

    static boolean truthy(Object v) {
        if (v == null || v == VOID) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Character c) {
            return c != 0;
        }
        if (v instanceof Object[] a) {
            return a.length > 1 || (a.length == 1 && truthy(a[0]));
        }
        if (v instanceof Collection<?> c) {
            return c.size() > 1 || (c.size() == 1 && truthy(c.iterator().next()));
        }
        return true;
    }

    static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof BigDecimal
                || v instanceof Byte || v instanceof Short || v instanceof Float;
    }

    /** A number from any value; strings parse as PowerShell does ("0x10", " 5 ", "1e3", "" → 0). */
    static Number toNumber(Object v, String target) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n instanceof Byte || n instanceof Short ? (Number) n.intValue() : n;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Character c) {
            return (int) c;
        }
        if (v instanceof PsEnum e) {
            return (int) e.value();
        }
        String s = str(v).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            if (s.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                boolean neg = s.startsWith("-");
                long l = Long.parseUnsignedLong(s.replaceFirst("^[+-]?0[xX]", ""), 16);
                return narrow(neg ? -l : l);
            }
            if (s.matches("[+-]?\\d+")) {
                return narrow(new java.math.BigInteger(s.startsWith("+") ? s.substring(1) : s));
            }
            if (s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // falls through to the conversion error
        }
        throw cannotConvert(v, target == null ? "System.Int32" : target, "Input string was not in a correct format.");
    }

    static Number narrow(Object n) {
        if (n instanceof java.math.BigInteger b) {
            if (b.bitLength() < 32) {
                return b.intValue();
            }
            return b.bitLength() < 64 ? (Number) b.longValue() : (Number) b.doubleValue();
        }
        if (n instanceof Long l) {
            return l == (int) (long) l ? (Number) (int) (long) l : l;
        }
        if (n instanceof Double d) {
            return d;
        }
        return (Number) n;
    }

    static PsError cannotConvert(Object v, String type, String why) {
        String shown = v instanceof String ? str(v) : str(v);
        return new PsError("Cannot convert value \"" + shown + "\" to type \"" + type + "\". Error: \"" + why + "\"",
                "NotSpecified: (:) [], RuntimeException", "RuntimeException");
    }

    static int toInt(Object v) {
        Number n = toNumber(v, "System.Int32");
        if (n instanceof Double || n instanceof BigDecimal) {
            double d = n.doubleValue();
            double r = Math.rint(d); // banker's rounding, as [int]2.5 -> 2
            if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
                throw cannotConvert(v, "System.Int32", "Value was either too large or too small for an Int32.");
            }
            return (int) r;
        }
        long l = n.longValue();
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw cannotConvert(v, "System.Int32", "Value was either too large or too small for an Int32.");
        }
        return (int) l;
    }

    static long toLong(Object v) {
        Number n = toNumber(v, "System.Int64");
        if (n instanceof Double || n instanceof BigDecimal) {
            return (long) Math.rint(n.doubleValue());
        }
        return n.longValue();
    }

    static double toDouble(Object v) {
        return toNumber(v, "System.Double").doubleValue();
    }

    static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "System.String";
        }
        if (v instanceof Integer) {
            return "System.Int32";
        }
        if (v instanceof Long) {
            return "System.Int64";
        }
        if (v instanceof Double) {
            return "System.Double";
        }
        if (v instanceof BigDecimal) {
            return "System.Decimal";
        }
        if (v instanceof Boolean) {
            return "System.Boolean";
        }
        if (v instanceof Character) {
            return "System.Char";
        }
        if (v instanceof Byte) {
            return "System.Byte";
        }
        if (v instanceof byte[]) {
            return "System.Byte[]";
        }
        if (v instanceof String[]) {
            return "System.String[]";
        }
        if (v instanceof Object[]) {
            return "System.Object[]";
        }
        if (v instanceof PsHashtable) {
            return "System.Collections.Hashtable";
        }
        if (v instanceof PsArrayList) {
            return "System.Collections.ArrayList";
        }
        if (v instanceof PsScriptBlock) {
            return "System.Management.Automation.ScriptBlock";
        }
        if (v instanceof PsType) {
            return "System.RuntimeType";
        }
        if (v instanceof PsDateTime) {
            return "System.DateTime";
        }
        if (v instanceof PsTimeSpan) {
            return "System.TimeSpan";
        }
        if (v instanceof PsVersion) {
            return "System.Version";
        }
        if (v instanceof PsEnum e) {
            return e.type();
        }
        if (v instanceof PsObject o) {
            return o.typeName();
        }
        if (v instanceof PsEntry) {
            return "System.Collections.DictionaryEntry";
        }
        if (v instanceof PsFileStream) {
            return "System.IO.FileStream";
        }
        if (v instanceof DotNetObject d) {
            return d.typeName();
        }
        return "System.Object";
    }

    /** Case-insensitive equality of two strings as PowerShell compares by default. */
    static boolean eqIgnoreCase(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
