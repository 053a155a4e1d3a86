package dev.reprolab.sim.guest.tools.ps;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The .NET enums scripts name ({@code [IO.FileMode]::Create}, {@code 'Begin'} for SeekOrigin, StringSplitOptions). */
final class EnumTypes {

    private static final Map<String, Map<String, Integer>> ENUMS = new HashMap<>();

    static {
        def("System.IO.FileMode", "CreateNew", 1, "Create", 2, "Open", 3, "OpenOrCreate", 4, "Truncate", 5, "Append", 6);
        def("System.IO.FileAccess", "Read", 1, "Write", 2, "ReadWrite", 3);
        def("System.IO.FileShare", "None", 0, "Read", 1, "Write", 2, "ReadWrite", 3, "Delete", 4, "Inheritable", 16);
        def("System.IO.SeekOrigin", "Begin", 0, "Current", 1, "End", 2);
        def("System.IO.SearchOption", "TopDirectoryOnly", 0, "AllDirectories", 1);
        def("System.StringSplitOptions", "None", 0, "RemoveEmptyEntries", 1);
        def("System.StringComparison", "CurrentCulture", 0, "CurrentCultureIgnoreCase", 1, "InvariantCulture", 2,
                "InvariantCultureIgnoreCase", 3, "Ordinal", 4, "OrdinalIgnoreCase", 5);
        def("System.DayOfWeek", "Sunday", 0, "Monday", 1, "Tuesday", 2, "Wednesday", 3, "Thursday", 4, "Friday", 5, "Saturday", 6);
        def("System.Text.RegularExpressions.RegexOptions", "None", 0, "IgnoreCase", 1, "Multiline", 2, "ExplicitCapture", 4,
                "Compiled", 8, "Singleline", 16, "IgnorePatternWhitespace", 32);
        def("System.Net.SecurityProtocolType", "Ssl3", 48, "Tls", 192);
        def("System.Management.Automation.ActionPreference", "SilentlyContinue", 0, "Stop", 1, "Continue", 2, "Inquire", 3);
        def("System.Security.Principal.WindowsBuiltInRole", "Administrator", 544, "User", 545, "Guest", 546);
        def("System.Environment+SpecialFolder", "Desktop", 0, "Programs", 2, "Personal", 5, "MyDocuments", 5, "Startup", 7,
                "ApplicationData", 26, "LocalApplicationData", 28, "CommonApplicationData", 35, "Windows", 36,
                "System", 37, "ProgramFiles", 38, "CommonProgramFiles", 43);
    }

    private EnumTypes() {
    }

    private static void def(String type, Object... nv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nv.length; i += 2) {
            m.put((String) nv[i], (Integer) nv[i + 1]);
        }
        ENUMS.put(type.toLowerCase(Locale.ROOT), m);
    }

    static boolean isEnum(String type) {
        return ENUMS.containsKey(type.toLowerCase(Locale.ROOT));
    }

    static List<String> names(String type) {
        return List.copyOf(ENUMS.get(type.toLowerCase(Locale.ROOT)).keySet());
    }

    static PsEnum value(String type, String name) {
        Map<String, Integer> m = ENUMS.get(type.toLowerCase(Locale.ROOT));
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name.trim())) {
                return new PsEnum(canonical(type), e.getKey(), e.getValue());
            }
        }
        return null;
    }

    private static String canonical(String type) {
        return Types.fullName(type) != null ? Types.fullName(type) : type;
    }

    static PsEnum parse(String type, Object v) {
        if (v instanceof PsEnum e && e.type().equalsIgnoreCase(canonical(type))) {
            return e;
        }
        Map<String, Integer> m = ENUMS.get(type.toLowerCase(Locale.ROOT));
        if (PsConvert.isNumber(v)) {
            int n = PsConvert.toInt(v);
            for (Map.Entry<String, Integer> e : m.entrySet()) {
                if (e.getValue() == n) {
                    return new PsEnum(canonical(type), e.getKey(), n);
                }
            }
        }
        PsEnum e = value(type, PsConvert.str(v));
        if (e == null) {
            throw new PsError("Cannot convert value \"" + PsConvert.str(v) + "\" to type \"" + canonical(type) + "\" due to"
                    + " invalid enumeration values. Specify one of the following enumeration values and try again. The"
                    + " possible enumeration values are \"" + String.join(", ", m.keySet()) + "\".",
                    "NotSpecified: (:) [], RuntimeException", "RuntimeException");
        }
        return e;
    }
}
