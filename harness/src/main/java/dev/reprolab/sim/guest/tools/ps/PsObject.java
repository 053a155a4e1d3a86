package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PSObject: type names (most derived first, as {@code PSTypeNames}), properties in display order (note
 * properties and the adapted properties of a .NET/WMI object alike), script methods added by Add-Member, and for
 * wrapped .NET values the base object.
 */
final class PsObject {

    final List<String> typeNames = new ArrayList<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, PsScriptBlock> scriptMethods = new LinkedHashMap<>();
    final Map<String, PsScriptBlock> scriptProperties = new LinkedHashMap<>();
    /** Methods the simulator implements (a service's Stop(), a process's Kill()), by lower-case name. */
    final Map<String, java.util.function.Function<List<Object>, Object>> methods = new LinkedHashMap<>();
    /** The properties Format-* shows by default (DefaultDisplayPropertySet), or null for all. */
    List<String> defaultDisplay;
    /** What ToString() gives; null for the type name (PSCustomObject prints as empty). */
    String toStringValue;
    /** The wrapped .NET object for objects that carry one (e.g. a process's live state), else null. */
    Object base;

    PsObject(String typeName) {
        typeNames.add(typeName);
        if (!typeName.equals("System.Object")) {
            typeNames.add("System.Object");
        }
    }

    static PsObject custom() {
        PsObject o = new PsObject("System.Management.Automation.PSCustomObject");
        o.toStringValue = "";
        return o;
    }

    static PsObject of(String typeName, Object... keyValues) {
        PsObject o = new PsObject(typeName);
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put((String) keyValues[i], keyValues[i + 1]);
        }
        return o;
    }

    String typeName() {
        return typeNames.get(0);
    }

    PsObject put(String name, Object value) {
        String k = name.toLowerCase(java.util.Locale.ROOT);
        keys.putIfAbsent(k, name);
        values.put(k, value);
        return this;
    }

    boolean has(String name) {
        String k = name.toLowerCase(java.util.Locale.ROOT);
        return values.containsKey(k) || scriptProperties.containsKey(k);
    }

    Object get(String name) {
        return values.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    void remove(String name) {
        String k = name.toLowerCase(java.util.Locale.ROOT);
        keys.remove(k);
        values.remove(k);
    }

    /** Property names in display order, as declared. */
    List<String> names() {
        List<String> all = new ArrayList<>(keys.values());
        for (String s : scriptProperties.keySet()) {
            all.add(s);
        }
        return all;
    }

    PsObject copy() {
        PsObject o = new PsObject(typeName());
        o.typeNames.clear();
        o.typeNames.addAll(typeNames);
        o.keys.putAll(keys);
        o.values.putAll(values);
        o.scriptMethods.putAll(scriptMethods);
        o.scriptProperties.putAll(scriptProperties);
        o.methods.putAll(methods);
        o.defaultDisplay = defaultDisplay;
        o.toStringValue = toStringValue;
        o.base = base;
        return o;
    }

    @Override
    public String toString() {
        if (toStringValue != null) {
            return toStringValue;
        }
        return typeName();
    }
}
