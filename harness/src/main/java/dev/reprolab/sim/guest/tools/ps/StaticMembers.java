package dev.reprolab.sim.guest.tools.ps;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of static members: each .NET type the simulator implements is one small {@link StaticType}
 * registered under its full name ({@code [IO.File]::Exists}, {@code [Convert]::ToBase64String}, {@code [Math]::Round}).
 * Enum types answer their values as static properties.
 */
final class StaticMembers {

    /** The static side of one .NET type. */
    interface StaticType {
        /** A static property or field, or {@link DotNetObject#NONE}. */
        default Object property(Session s, String name) {
            return DotNetObject.NONE;
        }

        /** A static method call (name lower case), or {@link DotNetObject#NONE}. */
        Object call(Evaluator ev, String name, List<Object> args);
    }

    private static final Map<String, StaticType> TYPES = new HashMap<>();

    static void register(String fullName, StaticType type) {
        TYPES.put(fullName.toLowerCase(Locale.ROOT), type);
    }

    static {
        SystemStatics.registerAll();
        IoStatics.registerAll();
        NetStatics.registerAll();
    }

    private StaticMembers() {
    }

    static Object property(Session s, PsType t, String name) {
        if (EnumTypes.isEnum(t.fullName())) {
            Object v = EnumTypes.value(t.fullName(), name);
            return v == null ? DotNetObject.NONE : v;
        }
        StaticType st = TYPES.get(t.fullName().toLowerCase(Locale.ROOT));
        return st == null ? DotNetObject.NONE : st.property(s, name);
    }

    static boolean setProperty(Session s, PsType t, String name, Object value) {
        if (t.fullName().equalsIgnoreCase("System.Net.ServicePointManager") && name.equalsIgnoreCase("SecurityProtocol")) {
            return true;
        }
        if (t.fullName().equalsIgnoreCase("System.Environment") && name.equalsIgnoreCase("CurrentDirectory")) {
            s.location = PsConvert.str(value);
            return true;
        }
        return false;
    }

    static Object call(Evaluator ev, PsType t, String name, List<Object> args) {
        String n = name.toLowerCase(Locale.ROOT);
        if (EnumTypes.isEnum(t.fullName())) {
            if (n.equals("parse")) {
                return EnumTypes.parse(t.fullName(), args.get(args.size() - 1));
            }
            if (n.equals("getnames") || n.equals("getvalues")) {
                return EnumTypes.names(t.fullName()).stream().map(x -> n.equals("getnames") ? x : EnumTypes.value(t.fullName(), x)).toArray();
            }
        }
        StaticType st = TYPES.get(t.fullName().toLowerCase(Locale.ROOT));
        if (st == null) {
            return DotNetObject.NONE;
        }
        return st.call(ev, n, args);
    }

    /** "Cannot find an overload" as .NET binding reports a wrong argument count. */
    static PsError overload(String name, int count) {
        return new PsError("Cannot find an overload for \"" + name + "\" and the argument count: \"" + count + "\".",
                "NotSpecified: (:) [], MethodException", "MethodCountCouldNotFindBest");
    }
}
