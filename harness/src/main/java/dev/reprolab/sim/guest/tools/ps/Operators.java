package dev.reprolab.sim.guest.tools.ps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binary operators with PowerShell's rules: the left operand's type decides (string + anything is a string,
 * array + x appends), comparisons convert the right operand to the left's type, case-insensitive unless the
 * {@code c} variant, and an array on the left filters instead of comparing.
 */
final class Operators {

    private Operators() {
    }

    static Object binary(String op, Object l, Object r, int pos, Scope scope) {
        switch (op) {
            case "+", "-", "*", "/", "%" -> {
                return arithmetic(op, l, r, pos);
            }
            case "..", "f", "join", "split", "csplit", "isplit", "is", "isnot", "as", "xor", "band", "bor", "bxor" -> {
                return special(op, l, r, pos, scope);
            }
            default -> {
                return comparison(op, l, r, pos, scope);
            }
        }
    }

    private static Object special(String op, Object l, Object r, int pos, Scope scope) {
        switch (op) {
            case ".." -> {
                int a = PsConvert.toInt(l);
                int b = PsConvert.toInt(r);
                int n = Math.abs(b - a) + 1;
                if (n > 50_000_000) {
                    throw new PsError("The range is too large.", "NotSpecified: (:) [], RuntimeException", "RangeTooBig").at(pos);
                }
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = a <= b ? a + i : a - i;
                }
                return out;
            }
            case "f" -> {
                List<Object> args = PsConvert.isEnumerable(r) ? PsConvert.items(r) : java.util.Collections.singletonList(r);
                try {
                    return DotNetFormat.format(PsConvert.str(l), args);
                } catch (PsError e) {
                    throw e.at(pos);
                }
            }
            case "join" -> {
                List<Object> items = PsConvert.isEnumerable(l) ? PsConvert.items(l) : java.util.Collections.singletonList(l);
                StringBuilder sb = new StringBuilder();
                String sep = PsConvert.str(r);
                for (int i = 0; i < items.size(); i++) {
                    sb.append(i == 0 ? "" : sep).append(PsConvert.str(items.get(i)));
                }
                return sb.toString();
            }
            case "split", "csplit", "isplit" -> {
                return split(l, r, !op.equals("csplit"));
            }
            case "is", "isnot" -> {
                PsType t = r instanceof PsType pt ? pt : Types.resolve(PsConvert.str(r), pos);
                boolean is = Types.isInstance(l, t);
                return op.equals("is") == is;
            }
            case "as" -> {
                PsType t = r instanceof PsType pt ? pt : Types.resolve(PsConvert.str(r), pos);
                try {
                    return Types.cast(t.fullName(), l, pos);
                } catch (PsError e) {
                    return null;
                }
            }
            case "xor" -> {
                return PsConvert.truthy(l) ^ PsConvert.truthy(r);
            }
            default -> {
                Number a = PsConvert.toNumber(l, "System.Int64");
                Number b = PsConvert.toNumber(r, "System.Int64");
                long x = a.longValue();
                long y = b.longValue();
                long v = switch (op) {
                    case "band" -> x & y;
                    case "bor" -> x | y;
                    default -> x ^ y;
                };
                return a instanceof Long || b instanceof Long ? (Object) v : (Object) (int) v;
            }
        }
    }

    private static Object[] split(Object l, Object r, boolean ignoreCase) {
        List<Object> out = new ArrayList<>();
        List<Object> inputs = PsConvert.isEnumerable(l) ? PsConvert.items(l) : List.of(PsConvert.str(l));
        String pattern = "\\s+";
        int limit = 0;
        boolean unary = r == null;
        if (r != null) {
            List<Object> parts = PsConvert.isEnumerable(r) ? PsConvert.items(r) : List.of(r);
            pattern = PsConvert.str(parts.get(0));
            if (parts.size() > 1) {
                limit = PsConvert.toInt(parts.get(1));
            }
        }
        Pattern p = Pattern.compile(DotNetRegex.toJava(pattern), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        for (Object in : inputs) {
            String s = PsConvert.str(in);
            if (unary) {
                s = s.strip();
            }
            String[] pieces = p.split(s, limit <= 0 ? -1 : limit);
            for (String piece : pieces) {
                if (!(unary && piece.isEmpty())) {
                    out.add(piece);
                }
            }
        }
        return out.toArray();
    }

    static Object arithmetic(String op, Object l, Object r, int pos) {
        try {
            if (op.equals("+")) {
                if (l instanceof String s) {
                    return s + PsConvert.str(r);
                }
                if (l instanceof Object[] || l instanceof PsArrayList) {
                    List<Object> all = PsConvert.items(l);
                    if (PsConvert.isEnumerable(r)) {
                        all.addAll(PsConvert.items(r));
                    } else {
                        all.add(r);
                    }
                    return all.toArray();
                }
                if (l instanceof PsHashtable h) {
                    if (!(r instanceof PsHashtable h2)) {
                        throw new PsError("You can add another hash table only to a hash table.",
                                "InvalidOperation: (:) [], RuntimeException", "AddHashTableToNonHashTable");
                    }
                    PsHashtable sum = h.copy();
                    for (Object k : h2.keys()) {
                        if (sum.containsKey(k)) {
                            throw new PsError("Item has already been added. Key in dictionary: '" + PsConvert.str(k)
                                    + "'  Key being added: '" + PsConvert.str(k) + "'",
                                    "OperationStopped: (:) [], ArgumentException", "System.ArgumentException");
                        }
                        sum.put(k, h2.get(k));
                    }
                    return sum;
                }
                if (l instanceof PsDateTime d && r instanceof PsTimeSpan t) {
                    return new PsDateTime(d.time().plus(t.duration()), d.utc());
                }
            }
            if (op.equals("-") && l instanceof PsDateTime a) {
                if (r instanceof PsDateTime b) {
                    return new PsTimeSpan(java.time.Duration.between(b.time(), a.time()));
                }
                if (r instanceof PsTimeSpan t) {
                    return new PsDateTime(a.time().minus(t.duration()), a.utc());
                }
            }
            if (op.equals("*") && l instanceof String s) {
                int n = PsConvert.toInt(r);
                return s.repeat(Math.max(0, n));
            }
            if (op.equals("*") && (l instanceof Object[] || l instanceof PsArrayList)) {
                List<Object> base = PsConvert.items(l);
                List<Object> all = new ArrayList<>();
                for (int i = 0, n = PsConvert.toInt(r); i < n; i++) {
                    all.addAll(base);
                }
                return all.toArray();
            }
            if (l == null && !op.equals("-") && !op.equals("*") && !op.equals("/") && !op.equals("%")) {
                return r instanceof String ? r : r == null ? null : r;
            }
            if (!PsConvert.isNumber(l) && !(l instanceof Boolean) && !(l instanceof String) && l != null
                    && !(l instanceof Character) && !(l instanceof PsEnum)) {
                throw new PsError("Method invocation failed because [" + PsConvert.typeName(l) + "] doesn't contain a"
                        + " method named 'op_" + opName(op) + "'.", "InvalidOperation: (op_" + opName(op) + ":String) [],"
                        + " RuntimeException", "MethodNotFound");
            }
            Number a = PsConvert.toNumber(l, "System.Int32");
            Number b = PsConvert.toNumber(r, "System.Int32");
            return numeric(op, a, b);
        } catch (PsError e) {
            throw e.at(pos);
        }
    }

    private static String opName(String op) {
        return switch (op) {
            case "+" -> "Addition";
            case "-" -> "Subtraction";
            case "*" -> "Multiply";
            case "/" -> "Division";
            default -> "Modulus";
        };
    }

    static Object numeric(String op, Number a, Number b) {
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            BigDecimal x = new BigDecimal(a.toString());
            BigDecimal y = new BigDecimal(b.toString());
            return switch (op) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                case "*" -> x.multiply(y);
                case "/" -> {
                    if (y.signum() == 0) {
                        throw divideByZero();
                    }
                    yield x.divide(y, java.math.MathContext.DECIMAL128).stripTrailingZeros();
                }
                default -> x.remainder(y);
            };
        }
        if (a instanceof Double || b instanceof Double) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                default -> x % y;
            };
        }
        long x = a.longValue();
        long y = b.longValue();
        boolean wide = a instanceof Long || b instanceof Long;
        switch (op) {
            case "/" -> {
                if (y == 0) {
                    throw divideByZero();
                }
                if (x % y == 0) {
                    return fit(x / y, wide);
                }
                return (double) x / (double) y;
            }
            case "%" -> {
                if (y == 0) {
                    throw divideByZero();
                }
                return fit(x % y, wide);
            }
            default -> {
                try {
                    long v = switch (op) {
                        case "+" -> Math.addExact(x, y);
                        case "-" -> Math.subtractExact(x, y);
                        default -> Math.multiplyExact(x, y);
                    };
                    return fit(v, wide);
                } catch (ArithmeticException overflow) {
                    double dx = x;
                    double dy = y;
                    return op.equals("+") ? dx + dy : op.equals("-") ? dx - dy : dx * dy;
                }
            }
        }
    }

    /** Int32 results that overflow widen to Int64 (then Double), as PowerShell does. */
    private static Object fit(long v, boolean wide) {
        if (!wide && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return (int) v;
        }
        return v;
    }

    static PsError divideByZero() {
        return new PsError("Attempted to divide by zero.", "NotSpecified: (:) [], RuntimeException", "RuntimeException")
                .type("System.DivideByZeroException");
    }

    private static Object comparison(String op, Object l, Object r, int pos, Scope scope) {
        boolean cs = false;
        String base = op;
        if (!ExprParser.COMPARISON_BASE.contains(op) && (op.startsWith("c") || op.startsWith("i"))) {
            cs = op.startsWith("c");
            base = op.substring(1);
        }
        if (base.equals("contains") || base.equals("notcontains")) {
            boolean not = base.equals("notcontains");
            List<Object> items = PsConvert.isEnumerable(l) ? PsConvert.items(l) : java.util.Collections.singletonList(l);
            boolean found = false;
            for (Object item : items) {
                if (Compare.equal(item, r, cs)) {
                    found = true;
                    break;
                }
            }
            return found != not;
        }
        if (base.equals("replace")) {
            return replace(l, r, !cs);
        }
        if (PsConvert.isEnumerable(l)) {
            List<Object> out = new ArrayList<>();
            for (Object item : PsConvert.items(l)) {
                if (PsConvert.truthy(scalarCompare(base, item, r, cs, null))) {
                    out.add(item);
                }
            }
            return out.toArray();
        }
        return scalarCompare(base, l, r, cs, scope);
    }

    private static Object scalarCompare(String op, Object l, Object r, boolean cs, Scope scope) {
        switch (op) {
            case "eq" -> {
                return Compare.equal(l, r, cs);
            }
            case "ne" -> {
                return !Compare.equal(l, r, cs);
            }
            case "gt" -> {
                return Compare.compare(l, r, cs) > 0;
            }
            case "ge" -> {
                return Compare.compare(l, r, cs) >= 0;
            }
            case "lt" -> {
                return Compare.compare(l, r, cs) < 0;
            }
            case "le" -> {
                return Compare.compare(l, r, cs) <= 0;
            }
            case "like", "notlike" -> {
                boolean m = Wildcard.matches(PsConvert.str(r), PsConvert.str(l), !cs);
                return op.equals("like") == m;
            }
            case "match", "notmatch" -> {
                Pattern p = DotNetRegex.compile(PsConvert.str(r), !cs);
                Matcher m = p.matcher(PsConvert.str(l));
                boolean found = m.find();
                if (found && scope != null && op.equals("match")) {
                    scope.set("matches", DotNetRegex.matchesTable(m, p));
                }
                return op.equals("match") == found;
            }
            default -> throw new IllegalStateException("operator " + op);
        }
    }

    private static Object replace(Object l, Object r, boolean ignoreCase) {
        List<Object> parts = PsConvert.isEnumerable(r) ? PsConvert.items(r) : List.of(r == null ? "" : r);
        String pattern = PsConvert.str(parts.get(0));
        String replacement = parts.size() > 1 ? PsConvert.str(parts.get(1)) : "";
        Pattern p = DotNetRegex.compile(pattern, ignoreCase);
        if (PsConvert.isEnumerable(l)) {
            List<Object> out = new ArrayList<>();
            for (Object item : PsConvert.items(l)) {
                out.add(DotNetRegex.replace(p, PsConvert.str(item), replacement));
            }
            return out.toArray();
        }
        return DotNetRegex.replace(p, PsConvert.str(l), replacement);
    }

    static Object index(Object target, Object index, boolean strict, int pos) {
        if (target == null) {
            throw new PsError("Cannot index into a null array.", "InvalidOperation: (:) [], RuntimeException", "NullArray").at(pos);
        }
        if (target instanceof PsHashtable h) {
            if (PsConvert.isEnumerable(index)) {
                List<Object> out = new ArrayList<>();
                for (Object k : PsConvert.items(index)) {
                    out.add(h.get(k));
                }
                return out.toArray();
            }
            return h.get(index);
        }
        if (target instanceof PsObject o && !(index instanceof Number)) {
            return o.get(PsConvert.str(index));
        }
        if (target instanceof DotNetObject d) {
            Object v = d.call("get_Item", List.of(index));
            if (v != DotNetObject.NONE) {
                return v;
            }
        }
        if (PsConvert.isEnumerable(index)) {
            List<Object> out = new ArrayList<>();
            for (Object i : PsConvert.items(index)) {
                Object v = index(target, i, strict, pos);
                if (v != null) {
                    out.add(v);
                }
            }
            return out.toArray();
        }
        int i = PsConvert.toInt(index);
        if (target instanceof String s) {
            int k = i < 0 ? s.length() + i : i;
            return k >= 0 && k < s.length() ? (Object) s.charAt(k) : null;
        }
        if (PsConvert.isEnumerable(target)) {
            List<Object> items = PsConvert.items(target);
            int k = i < 0 ? items.size() + i : i;
            if (k >= 0 && k < items.size()) {
                Object v = items.get(k);
                return target instanceof byte[] ? (Object) (byte) (int) (Integer) v : v;
            }
            return null;
        }
        if (i == 0 || i == -1) {
            return target;
        }
        throw new PsError("Unable to index into an object of type " + PsConvert.typeName(target) + ".",
                "InvalidOperation: (" + index + ":Int32) [], RuntimeException", "CannotIndex").at(pos);
    }

    static void setIndex(Object target, Object index, Object value, int pos) {
        if (target instanceof PsHashtable h) {
            h.put(index, value);
            return;
        }
        if (target instanceof Object[] a) {
            int i = PsConvert.toInt(index);
            int k = i < 0 ? a.length + i : i;
            if (k < 0 || k >= a.length) {
                throw new PsError("Array assignment failed because index '" + i + "' was out of range.",
                        "InvalidOperation: (" + a.length + ":Int32) [], RuntimeException", "IndexOutOfRange").at(pos);
            }
            a[k] = value;
            return;
        }
        if (target instanceof byte[] b) {
            b[PsConvert.toInt(index)] = (byte) PsConvert.toInt(value);
            return;
        }
        if (target instanceof PsArrayList l) {
            l.set(PsConvert.toInt(index), value);
            return;
        }
        if (target instanceof PsObject o) {
            o.put(PsConvert.str(index), value);
            return;
        }
        throw new PsError("Unable to index into an object of type " + PsConvert.typeName(target) + ".",
                "InvalidOperation: (:) [], RuntimeException", "CannotIndex").at(pos);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
