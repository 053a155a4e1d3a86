package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** System.Text.RegularExpressions.Regex instances and statics, and the Match objects they return. */
final class DotNetRegexObject implements DotNetObject {

    final String pattern;
    final Pattern compiled;

    DotNetRegexObject(String pattern) {
        this(pattern, false);
    }

    DotNetRegexObject(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.compiled = DotNetRegex.compile(pattern, ignoreCase);
    }

    static Object statics(Evaluator ev, String n, List<Object> a) {
        boolean ic = a.size() > 2 && PsConvert.str(a.get(a.size() - 1)).toLowerCase(java.util.Locale.ROOT).contains("ignorecase");
        return switch (n) {
            case "escape" -> escape(PsConvert.str(a.get(0)));
            case "unescape" -> PsConvert.str(a.get(0)).replaceAll("\\\\(.)", "$1");
            case "ismatch", "match", "matches", "split" -> new DotNetRegexObject(PsConvert.str(a.get(1)), ic).call(n, List.of(a.get(0)));
            case "replace" -> DotNetRegex.replace(DotNetRegex.compile(PsConvert.str(a.get(1)), ic), PsConvert.str(a.get(0)), PsConvert.str(a.get(2)));
            default -> NONE;
        };
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\*+?|{[()^$.# ".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c == '\t' ? "t" : c == '\n' ? "n" : String.valueOf(c));
        }
        return sb.toString();
    }

    @Override
    public String typeName() {
        return "System.Text.RegularExpressions.Regex";
    }

    @Override
    public Object call(String name, List<Object> a) {
        String input = a.isEmpty() ? "" : PsConvert.str(a.get(0));
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ismatch" -> {
                return compiled.matcher(input).find();
            }
            case "match" -> {
                Matcher m = compiled.matcher(input);
                return new MatchObject(m.find() ? m.toMatchResult() : null, compiled);
            }
            case "matches" -> {
                Matcher m = compiled.matcher(input);
                List<Object> out = new ArrayList<>();
                while (m.find()) {
                    out.add(new MatchObject(m.toMatchResult(), compiled));
                }
                return out.toArray();
            }
            case "replace" -> {
                return DotNetRegex.replace(compiled, input, PsConvert.str(a.get(1)));
            }
            case "split" -> {
                return compiled.split(input, -1);
            }
            case "tostring" -> {
                return pattern;
            }
            default -> {
                return NONE;
            }
        }
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** A Match: Success, Value, Index, Length, Groups. */
    record MatchObject(java.util.regex.MatchResult m, Pattern p) implements DotNetObject {
        @Override
        public String typeName() {
            return "System.Text.RegularExpressions.Match";
        }

        @Override
        public Object property(String name) {
            boolean ok = m != null;
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "success" -> ok;
                case "value" -> ok ? m.group() : "";
                case "index" -> ok ? m.start() : 0;
                case "length" -> ok ? m.end() - m.start() : 0;
                case "groups" -> {
                    List<Object> g = new ArrayList<>();
                    for (int i = 0; ok && i <= m.groupCount(); i++) {
                        g.add(new GroupObject(m.group(i), m.group(i) != null));
                    }
                    yield g.toArray();
                }
                default -> NONE;
            };
        }

        @Override
        public List<String> propertyNames() {
            return List.of("Groups", "Success", "Captures", "Index", "Length", "Value");
        }

        @Override
        public String toString() {
            return m == null ? "" : m.group();
        }
    }

    /** A Group: Value, Success. */
    record GroupObject(String value, boolean success) implements DotNetObject {
        @Override
        public String typeName() {
            return "System.Text.RegularExpressions.Group";
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "value" -> value == null ? "" : value;
                case "success" -> success;
                default -> NONE;
            };
        }

        @Override
        public String toString() {
            return value == null ? "" : value;
        }
    }
}
