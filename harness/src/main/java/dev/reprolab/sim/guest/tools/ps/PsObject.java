package dev.reprolab.sim.guest.tools.ps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A .NET or WMI object as the interpreter sees it: a type name and its properties, in display order.
 *
 * @param typeName the full .NET type name (for error texts), e.g. {@code System.IO.FileInfo}
 * @param properties the property values, case-insensitive lookup through {@link #get}
 */
record PsObject(String typeName, Map<String, Object> properties) {

    static PsObject of(String typeName, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new PsObject(typeName, map);
    }

    boolean has(String name) {
        return properties.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    Object get(String name) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
