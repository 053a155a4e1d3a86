package dev.reprolab.sim.guest.tools.ps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Conversions for casts, {@code -as}, typed parameters and .NET method arguments. */
final class Casts {

    private Casts() {
    }

    static Object to(String fullName, Object v) {
        String t = fullName.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            String element = fullName.substring(0, fullName.length() - 2);
            List<Object> items = PsConvert.isEnumerable(v) ? PsConvert.items(v) : v == null ? List.of() : List.of(v);
            if (t.equals("system.byte[]")) {
                if (v instanceof byte[]) {
                    return v;
                }
                byte[] b = new byte[items.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) PsConvert.toInt(items.get(i));
                }
                return b;
            }
            if (v == null) {
                return null;
            }
            Object[] out = new Object[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = to(element, items.get(i));
            }
            return out;
        }
        if (v instanceof PsObject o && o.base != null && !t.equals("system.management.automation.psobject")) {
            v = o.base;
        }
        switch (t) {
            case "system.void" -> {
                return PsConvert.VOID;
            }
            case "system.object", "system.management.automation.psobject" -> {
                return v;
            }
            case "system.string" -> {
                return v == null ? "" : v instanceof Object[] || v instanceof PsArrayList ? PsConvert.str(v) : PsConvert.str(v);
            }
            case "system.int32", "system.int16", "system.uint16", "system.sbyte" -> {
                return PsConvert.toInt(single(v, fullName));
            }
            case "system.int64", "system.uint32", "system.uint64" -> {
                return PsConvert.toLong(single(v, fullName));
            }
            case "system.byte" -> {
                int i = PsConvert.toInt(single(v, fullName));
                if (i < 0 || i > 255) {
                    throw PsConvert.cannotConvert(v, "System.Byte", "Value was either too large or too small for an unsigned byte.");
                }
                return (byte) i;
            }
            case "system.double", "system.single" -> {
                return PsConvert.toDouble(single(v, fullName));
            }
            case "system.decimal" -> {
                return new BigDecimal(PsConvert.str(PsConvert.toNumber(single(v, fullName), fullName)));
            }
            case "system.boolean", "system.management.automation.switchparameter" -> {
                return PsConvert.truthy(v);
            }
            case "system.char" -> {
                if (v instanceof Character) {
                    return v;
                }
                if (v instanceof String s && s.length() == 1) {
                    return s.charAt(0);
                }
                if (PsConvert.isNumber(v)) {
                    return (char) PsConvert.toInt(v);
                }
                throw PsConvert.cannotConvert(v, "System.Char", "String must be exactly one character long.");
            }
            case "system.collections.hashtable" -> {
                if (v instanceof PsHashtable) {
                    return v;
                }
                throw invalidCast(v, "System.Collections.Hashtable");
            }
            case "system.collections.arraylist" -> {
                PsArrayList l = new PsArrayList();
                l.addAll(PsConvert.items(v));
                return l;
            }
            case "system.array" -> {
                return PsConvert.isEnumerable(v) ? PsConvert.items(v).toArray() : new Object[] {v};
            }
            case "system.datetime" -> {
                return Dates.parse(v);
            }
            case "system.timespan" -> {
                if (v instanceof PsTimeSpan) {
                    return v;
                }
                if (PsConvert.isNumber(v)) {
                    return new PsTimeSpan(java.time.Duration.ofNanos(PsConvert.toLong(v) * 100));
                }
                return Dates.parseSpan(PsConvert.str(v));
            }
            case "system.version" -> {
                if (v instanceof PsVersion) {
                    return v;
                }
                try {
                    return PsVersion.parse(PsConvert.str(v));
                } catch (RuntimeException e) {
                    throw PsConvert.cannotConvert(v, "System.Version", "Version string portion was too short or too long.");
                }
            }
            case "system.text.regularexpressions.regex" -> {
                return new DotNetRegexObject(PsConvert.str(v));
            }
            case "system.xml.xmldocument" -> {
                return XmlDocumentObject.parse(PsConvert.str(v));
            }
            case "system.management.automation.scriptblock" -> {
                if (v instanceof PsScriptBlock) {
                    return v;
                }
                throw invalidCast(v, "System.Management.Automation.ScriptBlock");
            }
            case "system.type" -> {
                return v instanceof PsType ? v : Types.resolve(PsConvert.str(v), -1);
            }
            case "system.guid" -> {
                try {
                    return new GuidValue(java.util.UUID.fromString(PsConvert.str(v).replaceAll("[{}]", "")));
                } catch (IllegalArgumentException e) {
                    throw PsConvert.cannotConvert(v, "System.Guid", "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
                }
            }
            case "system.net.ipaddress" -> {
                return IpAddressValue.parse(PsConvert.str(v));
            }
            default -> {
                if (EnumTypes.isEnum(fullName)) {
                    return EnumTypes.parse(fullName, v);
                }
                if (v != null && PsConvert.typeName(v).equalsIgnoreCase(fullName)) {
                    return v;
                }
                throw invalidCast(v, fullName);
            }
        }
    }

    private static Object single(Object v, String type) {
        if (v instanceof Object[] a) {
            if (a.length == 1) {
                return a[0];
            }
            throw new PsError("Cannot convert the \"" + PsConvert.str(v) + "\" value of type \"System.Object[]\" to type \""
                    + type + "\".", "NotSpecified: (:) [], RuntimeException", "RuntimeException")
                    .type("System.Management.Automation.PSInvalidCastException");
        }
        return v;
    }

    static PsError invalidCast(Object v, String type) {
        return new PsError("Cannot convert the \"" + PsConvert.str(v) + "\" value of type \"" + PsConvert.typeName(v)
                + "\" to type \"" + type + "\".", "NotSpecified: (:) [], RuntimeException", "RuntimeException")
                .type("System.Management.Automation.PSInvalidCastException");
    }

    /** Converts method arguments as .NET binding needs (strings to numbers, arrays to byte[]). */
    static List<Object> args(List<Object> in) {
        return new ArrayList<>(in);
    }
}
