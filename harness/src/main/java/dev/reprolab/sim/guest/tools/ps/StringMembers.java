package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** System.String's instance methods (.NET 2.0: ordinal/culture rules as scripts rely on them). */
final class StringMembers {

    private StringMembers() {
    }

    static Object call(String s, String n, List<Object> a) {
        int argc = a.size();
        switch (n) {
            case "trim", "trimstart", "trimend" -> {
                String chars = argc == 0 ? null : charsOf(a);
                boolean start = !n.equals("trimend");
                boolean end = !n.equals("trimstart");
                int b = 0;
                int e = s.length();
                while (start && b < e && (chars == null ? Character.isWhitespace(s.charAt(b)) : chars.indexOf(s.charAt(b)) >= 0)) {
                    b++;
                }
                while (end && e > b && (chars == null ? Character.isWhitespace(s.charAt(e - 1)) : chars.indexOf(s.charAt(e - 1)) >= 0)) {
                    e--;
                }
                return s.substring(b, e);
            }
            case "toupper", "toupperinvariant" -> {
                return s.toUpperCase(Locale.ROOT);
            }
            case "tolower", "tolowerinvariant" -> {
                return s.toLowerCase(Locale.ROOT);
            }
            case "split" -> {
                return split(s, a);
            }
            case "substring" -> {
                int start = PsConvert.toInt(a.get(0));
                if (start < 0 || start > s.length()) {
                    throw new NetException("System.ArgumentOutOfRangeException", "startIndex cannot be larger than length of string.\r\nParameter name: startIndex");
                }
                if (argc == 1) {
                    return s.substring(start);
                }
                int len = PsConvert.toInt(a.get(1));
                if (len < 0 || start + len > s.length()) {
                    throw new NetException("System.ArgumentOutOfRangeException", "Index and length must refer to a location within the string.\r\nParameter name: length");
                }
                return s.substring(start, start + len);
            }
            case "replace" -> {
                requireArgs(n, a, 2);
                String from = PsConvert.str(a.get(0));
                if (from.isEmpty()) {
                    throw new NetException("System.ArgumentException", "String cannot be of zero length.\r\nParameter name: oldValue");
                }
                return s.replace(from, PsConvert.str(a.get(1)));
            }
            case "contains" -> {
                requireArgs(n, a, 1);
                return s.contains(PsConvert.str(a.get(0)));
            }
            case "startswith" -> {
                return argc > 1 && ignoreCase(a.get(1)) ? s.toLowerCase(Locale.ROOT).startsWith(PsConvert.str(a.get(0)).toLowerCase(Locale.ROOT))
                        : s.startsWith(PsConvert.str(a.get(0)));
            }
            case "endswith" -> {
                return argc > 1 && ignoreCase(a.get(1)) ? s.toLowerCase(Locale.ROOT).endsWith(PsConvert.str(a.get(0)).toLowerCase(Locale.ROOT))
                        : s.endsWith(PsConvert.str(a.get(0)));
            }
            case "indexof", "lastindexof" -> {
                String what = PsConvert.str(a.get(0));
                boolean last = n.equals("lastindexof");
                if (argc > 1 && PsConvert.isNumber(a.get(1))) {
                    int from = PsConvert.toInt(a.get(1));
                    return last ? s.lastIndexOf(what, from) : s.indexOf(what, from);
                }
                return last ? s.lastIndexOf(what) : s.indexOf(what);
            }
            case "indexofany" -> {
                String chars = charsOf(a.subList(0, 1));
                for (int i = 0; i < s.length(); i++) {
                    if (chars.indexOf(s.charAt(i)) >= 0) {
                        return i;
                    }
                }
                return -1;
            }
            case "padleft", "padright" -> {
                int w = PsConvert.toInt(a.get(0));
                char c = argc > 1 ? PsConvert.str(a.get(1)).charAt(0) : ' ';
                if (s.length() >= w) {
                    return s;
                }
                String pad = String.valueOf(c).repeat(w - s.length());
                return n.equals("padleft") ? pad + s : s + pad;
            }
            case "insert" -> {
                int i = PsConvert.toInt(a.get(0));
                return s.substring(0, i) + PsConvert.str(a.get(1)) + s.substring(i);
            }
            case "remove" -> {
                int i = PsConvert.toInt(a.get(0));
                int len = argc > 1 ? PsConvert.toInt(a.get(1)) : s.length() - i;
                return s.substring(0, i) + s.substring(i + len);
            }
            case "tochararray" -> {
                Object[] out = new Object[s.length()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.charAt(i);
                }
                return out;
            }
            case "equals" -> {
                return argc > 1 && ignoreCase(a.get(1)) ? s.equalsIgnoreCase(PsConvert.str(a.get(0))) : s.equals(PsConvert.str(a.get(0)));
            }
            case "compareto" -> {
                return Integer.signum(Compare.compare(s, a.get(0), true));
            }
            case "tostring", "clone" -> {
                return s;
            }
            case "normalize" -> {
                return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
            }
            case "getenumerator" -> {
                return call(s, "tochararray", List.of());
            }
            case "chars", "get_chars" -> {
                return s.charAt(PsConvert.toInt(a.get(0)));
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    private static void requireArgs(String n, List<Object> a, int count) {
        if (a.size() != count) {
            throw new PsError("Cannot find an overload for \"" + n + "\" and the argument count: \"" + a.size() + "\".",
                    "NotSpecified: (:) [], MethodException", "MethodCountCouldNotFindBest");
        }
    }

    private static boolean ignoreCase(Object comparison) {
        return PsConvert.str(comparison).toLowerCase(Locale.ROOT).contains("ignorecase");
    }

    private static String charsOf(List<Object> a) {
        StringBuilder sb = new StringBuilder();
        for (Object o : a) {
            for (Object c : PsConvert.isEnumerable(o) ? PsConvert.items(o) : List.of(o)) {
                sb.append(PsConvert.str(c));
            }
        }
        return sb.toString();
    }

    /** String.Split(char[]) / Split(string[], options): each character of the separators splits. */
    private static Object[] split(String s, List<Object> a) {
        boolean removeEmpty = false;
        List<String> seps = new ArrayList<>();
        int max = Integer.MAX_VALUE;
        for (Object o : a) {
            if (o instanceof PsEnum e && e.type().endsWith("StringSplitOptions")) {
                removeEmpty = e.name().equalsIgnoreCase("RemoveEmptyEntries");
            } else if (PsConvert.isNumber(o) && !seps.isEmpty()) {
                max = PsConvert.toInt(o);
            } else if ("RemoveEmptyEntries".equalsIgnoreCase(PsConvert.str(o)) && !seps.isEmpty()) {
                removeEmpty = true;
            } else if (o instanceof Object[] arr && arr.length > 0 && arr[0] instanceof String && PsConvert.str(arr[0]).length() > 1) {
                for (Object x : arr) {
                    seps.add(PsConvert.str(x));
                }
            } else {
                // A string argument converts to char[]: every character is a separator (as .NET 2.0 binds it).
                for (char c : charsOf(List.of(o)).toCharArray()) {
                    seps.add(String.valueOf(c));
                }
            }
        }
        if (seps.isEmpty()) {
            seps.add(" ");
            for (char c : "\t\n\r\u000b\f".toCharArray()) {
                seps.add(String.valueOf(c));
            }
        }
        List<Object> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i <= s.length() && out.size() < max - 1) {
            String hit = null;
            for (String sep : seps) {
                if (s.startsWith(sep, i)) {
                    hit = sep;
                    break;
                }
            }
            if (hit != null) {
                String piece = s.substring(start, i);
                if (!(removeEmpty && piece.isEmpty())) {
                    out.add(piece);
                }
                i += hit.length();
                start = i;
            } else {
                i++;
            }
        }
        String last = s.substring(Math.min(start, s.length()));
        if (!(removeEmpty && last.isEmpty())) {
            out.add(last);
        }
        return out.toArray();
    }
}
