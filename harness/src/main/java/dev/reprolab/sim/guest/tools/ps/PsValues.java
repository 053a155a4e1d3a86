package dev.reprolab.sim.guest.tools.ps;

import java.util.List;
import java.util.Locale;

/** Value conversions as PowerShell applies them to the subset's types (Long stands for Int32/Int64). */
final class PsValues {

    /** The result of a {@code [void]} cast or a void method: prints nothing, not even an empty line. */
    static final Object VOID = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    private PsValues() {
    }

    /** Pipeline output to a single value: nothing → null, one item → the item, more → an array. */
    static Object collapse(List<Object> items) {
        if (items.isEmpty()) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : items.toArray();
    }

    /** PowerShell enumerates arrays into the pipeline (byte[] too: one byte per line when printed). */
    static void enumerateInto(Object value, List<Object> into) {
        if (value instanceof Object[] arr) {
            into.addAll(List.of(arr));
        } else if (value instanceof byte[] bytes) {
            for (byte b : bytes) {
                into.add((long) (b & 0xff));
            }
        } else {
            into.add(value);
        }
    }

    static long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v == null) {
            return 0;
        }
        String s = toStr(v).trim();
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new PsError("Cannot convert value \"" + s + "\" to type \"System.Int32\". Error: \"Input string"
                    + " was not in a correct format.\"", "NotSpecified: (:) [], RuntimeException",
                    "RuntimeException");
        }
    }

    static int toInt(Object v) {
        return (int) toLong(v);
    }

    static String toStr(Object v) {
        if (v == null || v == VOID) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < bytes.length; i++) {
                sb.append(i == 0 ? "" : " ").append(bytes[i] & 0xff);
            }
            return sb.toString();
        }
        if (v instanceof Object[] arr) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < arr.length; i++) {
                sb.append(i == 0 ? "" : " ").append(toStr(arr[i]));
            }
            return sb.toString();
        }
        if (v instanceof PsFileStream) {
            return "System.IO.FileStream";
        }
        if (v instanceof PsObject o) {
            Object name = o.get("FullName");
            return name != null ? name.toString() : o.typeName();
        }
        return v.toString();
    }

    static Object arithmetic(char op, Object left, Object right, int pos) {
        if (op == '+' && left instanceof String s) {
            return s + toStr(right);
        }
        try {
            long a = toLong(left);
            long b = toLong(right);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> a % b;
            };
        } catch (ArithmeticException e) {
            throw new PsError("Attempted to divide by zero.", "NotSpecified: (:) [], RuntimeException",
                    "RuntimeException").at(pos);
        } catch (PsError e) {
            throw e.at(pos);
        }
    }

    static Object index(Object value, Object index) {
        int i = toInt(index);
        if (value instanceof byte[] b) {
            return i >= 0 && i < b.length ? (long) (b[i] & 0xff) : null;
        }
        if (value instanceof Object[] a) {
            return i >= 0 && i < a.length ? a[i] : null;
        }
        if (value instanceof String s) {
            return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : null;
        }
        return i == 0 ? value : null;
    }

    static Object cast(String type, Object operand, int pos) {
        String t = TypeRef.normalize(type);
        return switch (t) {
            case "void" -> VOID;
            case "int", "int32", "long", "int64" -> {
                try {
                    yield toLong(operand);
                } catch (PsError e) {
                    throw e.at(pos);
                }
            }
            case "string" -> toStr(operand);
            case "bool", "boolean" -> operand != null && operand != Boolean.FALSE && !"".equals(operand)
                    && !Long.valueOf(0).equals(operand);
            case "byte[]" -> {
                if (operand instanceof byte[]) {
                    yield operand;
                }
                if (operand instanceof Object[] arr) {
                    byte[] b = new byte[arr.length];
                    for (int i = 0; i < arr.length; i++) {
                        b[i] = (byte) toLong(arr[i]);
                    }
                    yield b;
                }
                yield new byte[] {(byte) toLong(operand)};
            }
            default -> throw PsError.typeNotFound(type).at(pos);
        };
    }

    /** A type literal: {@code [Convert]}, {@code [IO.File]}, {@code [IO.FileMode]}. */
    record TypeRef(String name) {

        static final List<String> KNOWN = List.of("convert", "io.file", "io.filemode", "io.fileaccess",
                "io.seekorigin", "io.filestream", "io.path", "math", "datetime", "security.cryptography.sha256", "bitconverter");

        static String normalize(String type) {
            String t = type.trim().toLowerCase(Locale.ROOT);
            return t.startsWith("system.") ? t.substring(7) : t;
        }

        static TypeRef resolve(String literal, int pos) {
            String t = normalize(literal);
            if (!KNOWN.contains(t)) {
                throw PsError.typeNotFound(literal).at(pos);
            }
            return new TypeRef(t);
        }
    }

    /** An enum value such as {@code [IO.FileMode]::Create}; prints as its name. */
    record EnumValue(String type, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A System.DateTime (kind Utc). {@code ToString('o')} gives the round-trip form with 7 fractional digits. */
    record DateTime(java.time.Instant instant) implements Comparable<DateTime> {
        @Override
        public int compareTo(DateTime o) {
            return instant.compareTo(o.instant);
        }

        String roundTrip() {
            java.time.ZonedDateTime z = instant.atZone(java.time.ZoneOffset.UTC);
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(z)
                    + String.format(".%07d", z.getNano() / 100) + "Z";
        }

        @Override
        public String toString() {
            return java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", java.util.Locale.US)
                    .format(instant.atZone(java.time.ZoneOffset.UTC));
        }
    }

    /** A SHA256 hash algorithm object ({@code [Security.Cryptography.SHA256]::Create()}). */
    record Sha256() {
    }

    /** PowerShell truthiness: $null, $false, 0 and "" are false. */
    static boolean truthy(Object v) {
        if (v == null || v == VOID) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** Compares the way -lt/-eq do: dates as dates, numbers as numbers, else case-insensitive strings. */
    static int compare(Object a, Object b) {
        if (a instanceof DateTime x && b instanceof DateTime y) {
            return x.compareTo(y);
        }
        if (a instanceof Number || b instanceof Number) {
            try {
                return Long.compare(toLong(a), toLong(b));
            } catch (RuntimeException e) {
                // fall back to strings
            }
        }
        return toStr(a).compareToIgnoreCase(toStr(b));
    }
}
