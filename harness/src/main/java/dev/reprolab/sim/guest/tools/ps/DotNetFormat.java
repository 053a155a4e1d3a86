package dev.reprolab.sim.guest.tools.ps;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * .NET composite formatting ({@code "{0,-10:N2}" -f $x}) and the format strings of numbers and dates (en-US):
 * N, D, X, F, P, E, G, custom {@code 0.00}/{@code #,##0}, and date patterns.
 */
final class DotNetFormat {

    private DotNetFormat() {
    }

    static String format(String fmt, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '{') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
                    sb.append('{');
                    i++;
                    continue;
                }
                int end = fmt.indexOf('}', i);
                if (end < 0) {
                    throw badFormat();
                }
                String item = fmt.substring(i + 1, end);
                String spec = null;
                int colon = item.indexOf(':');
                if (colon >= 0) {
                    spec = item.substring(colon + 1);
                    item = item.substring(0, colon);
                }
                int align = 0;
                int comma = item.indexOf(',');
                if (comma >= 0) {
                    align = Integer.parseInt(item.substring(comma + 1).trim());
                    item = item.substring(0, comma);
                }
                int index;
                try {
                    index = Integer.parseInt(item.trim());
                } catch (NumberFormatException e) {
                    throw badFormat();
                }
                if (index >= args.size()) {
                    throw new PsError("Error formatting a string: Index (zero based) must be greater than or equal to zero"
                            + " and less than the size of the argument list..", "InvalidOperation: (" + fmt
                            + ":String) [], RuntimeException", "FormatError");
                }
                String text = formatValue(args.get(index), spec);
                if (align > 0) {
                    text = " ".repeat(Math.max(0, align - text.length())) + text;
                } else if (align < 0) {
                    text = text + " ".repeat(Math.max(0, -align - text.length()));
                }
                sb.append(text);
                i = end;
            } else if (c == '}') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                    i++;
                }
                sb.append('}');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static PsError badFormat() {
        return new PsError("Error formatting a string: Input string was not in a correct format..",
                "InvalidOperation: (:) [], RuntimeException", "FormatError");
    }

    static String formatValue(Object v, String spec) {
        if (spec == null || spec.isEmpty()) {
            return PsConvert.str(v);
        }
        if (v instanceof PsDateTime d) {
            return date(d, spec);
        }
        if (v instanceof PsTimeSpan) {
            return PsConvert.str(v);
        }
        if (PsConvert.isNumber(v)) {
            return number((Number) v, spec);
        }
        return PsConvert.str(v);
    }

    static String number(Number n, String spec) {
        char kind = Character.toUpperCase(spec.charAt(0));
        String digitsText = spec.substring(1);
        boolean standard = spec.length() <= 3 && "NDXFPEGC".indexOf(kind) >= 0 && digitsText.chars().allMatch(Character::isDigit);
        if (!standard) {
            return custom(n, spec);
        }
        int digits = digitsText.isEmpty() ? -1 : Integer.parseInt(digitsText);
        boolean integral = n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
        BigDecimal bd = new BigDecimal(n.toString());
        switch (kind) {
            case 'D' -> {
                if (!integral) {
                    throw badFormat();
                }
                String s = Long.toString(Math.abs(n.longValue()));
                s = "0".repeat(Math.max(0, digits - s.length())) + s;
                return (n.longValue() < 0 ? "-" : "") + s;
            }
            case 'X' -> {
                if (!integral) {
                    throw badFormat();
                }
                String s = n instanceof Integer i ? Integer.toHexString(i) : Long.toHexString(n.longValue());
                s = "0".repeat(Math.max(0, digits - s.length())) + s;
                return spec.charAt(0) == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'N', 'F', 'C' -> {
                int d = digits < 0 ? 2 : digits;
                BigDecimal r = bd.setScale(d, RoundingMode.HALF_UP); // .NET Framework rounds half away from zero
                String pattern = (kind == 'F' ? "0" : "#,##0") + (d > 0 ? "." + "0".repeat(d) : "");
                String s = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US)).format(r);
                return kind == 'C' ? (r.signum() < 0 ? "($" + s.substring(1) + ")" : "$" + s) : s;
            }
            case 'P' -> {
                int d = digits < 0 ? 2 : digits;
                BigDecimal r = bd.multiply(BigDecimal.valueOf(100)).setScale(d, RoundingMode.HALF_UP);
                return new DecimalFormat("#,##0" + (d > 0 ? "." + "0".repeat(d) : ""), DecimalFormatSymbols.getInstance(Locale.US))
                        .format(r) + " %";
            }
            case 'E' -> {
                int d = digits < 0 ? 6 : digits;
                String s = String.format(Locale.US, "%." + d + "E", n.doubleValue());
                int e = s.indexOf('E');
                String exp = s.substring(e + 1);
                char sign = exp.charAt(0) == '-' ? '-' : '+';
                String num = exp.replaceFirst("^[+-]", "");
                num = "0".repeat(Math.max(0, 3 - num.length())) + num;
                String mant = s.substring(0, e);
                return (spec.charAt(0) == 'e' ? mant + "e" : mant + "E") + sign + num;
            }
            default -> {
                return PsConvert.str(n);
            }
        }
    }

    private static String custom(Number n, String spec) {
        try {
            DecimalFormat f = new DecimalFormat(spec, DecimalFormatSymbols.getInstance(Locale.US));
            f.setRoundingMode(RoundingMode.HALF_UP);
            return f.format(new BigDecimal(n.toString()));
        } catch (IllegalArgumentException e) {
            return spec;
        }
    }

    /** .NET date format strings (standard one-letter and custom patterns). */
    static String date(PsDateTime d, String spec) {
        String pattern = switch (spec) {
            case "d" -> "M/d/yyyy";
            case "D" -> "dddd, MMMM dd, yyyy";
            case "t" -> "h:mm tt";
            case "T" -> "h:mm:ss tt";
            case "g" -> "M/d/yyyy h:mm tt";
            case "G" -> "M/d/yyyy h:mm:ss tt";
            case "f" -> "dddd, MMMM dd, yyyy h:mm tt";
            case "F" -> "dddd, MMMM dd, yyyy h:mm:ss tt";
            case "s" -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
            case "u" -> "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
            case "M", "m" -> "MMMM dd";
            case "y", "Y" -> "MMMM, yyyy";
            case "o", "O" -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffff" + (d.utc() ? "'Z'" : "zzz");
            case "r", "R" -> "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
            default -> spec;
        };
        return javaDate(d, pattern);
    }

    /** Translates a .NET custom date pattern to java.time and formats. */
    static String javaDate(PsDateTime d, String p) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < p.length(); ) {
            char c = p.charAt(i);
            int j = i;
            while (j < p.length() && p.charAt(j) == c) {
                j++;
            }
            int n = j - i;
            String piece = p.substring(i, j);
            switch (c) {
                case 'y' -> out.append(n <= 2 ? String.format("%02d", d.time().getYear() % 100) : String.format("%0" + n + "d", d.time().getYear()));
                case 'M' -> out.append(n == 1 ? String.valueOf(d.time().getMonthValue()) : n == 2 ? String.format("%02d", d.time().getMonthValue())
                        : DateTimeFormatter.ofPattern(n == 3 ? "MMM" : "MMMM", Locale.US).format(d.time()));
                case 'd' -> out.append(n == 1 ? String.valueOf(d.time().getDayOfMonth()) : n == 2 ? String.format("%02d", d.time().getDayOfMonth())
                        : DateTimeFormatter.ofPattern(n == 3 ? "EEE" : "EEEE", Locale.US).format(d.time()));
                case 'H' -> out.append(n == 1 ? String.valueOf(d.time().getHour()) : String.format("%02d", d.time().getHour()));
                case 'h' -> {
                    int h = d.time().getHour() % 12 == 0 ? 12 : d.time().getHour() % 12;
                    out.append(n == 1 ? String.valueOf(h) : String.format("%02d", h));
                }
                case 'm' -> out.append(n == 1 ? String.valueOf(d.time().getMinute()) : String.format("%02d", d.time().getMinute()));
                case 's' -> out.append(n == 1 ? String.valueOf(d.time().getSecond()) : String.format("%02d", d.time().getSecond()));
                case 'f', 'F' -> {
                    String frac = String.format("%09d", d.time().getNano()).substring(0, Math.min(n, 7));
                    out.append(c == 'F' ? frac.replaceAll("0+$", "") : frac);
                }
                case 't' -> out.append(n == 1 ? (d.time().getHour() < 12 ? "A" : "P") : (d.time().getHour() < 12 ? "AM" : "PM"));
                case 'z' -> {
                    java.time.ZoneOffset off = java.time.ZoneId.systemDefault().getRules().getOffset(d.time());
                    int mins = off.getTotalSeconds() / 60;
                    String sign = mins < 0 ? "-" : "+";
                    mins = Math.abs(mins);
                    out.append(n == 1 ? sign + mins / 60 : n == 2 ? sign + String.format("%02d", mins / 60)
                            : sign + String.format("%02d:%02d", mins / 60, mins % 60));
                }
                case '\'', '"' -> {
                    int end = p.indexOf(c, i + 1);
                    end = end < 0 ? p.length() : end;
                    out.append(p, i + 1, end);
                    j = Math.min(p.length(), end + 1);
                }
                case '\\' -> {
                    if (i + 1 < p.length()) {
                        out.append(p.charAt(i + 1));
                    }
                    j = i + 2;
                }
                default -> out.append(piece);
            }
            i = j;
        }
        return out.toString();
    }
}
