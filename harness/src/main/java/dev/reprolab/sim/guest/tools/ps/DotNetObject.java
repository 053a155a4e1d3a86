package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/** A .NET object implemented in the simulator (StringBuilder, WebClient, XmlDocument...): its members by name. */
interface DotNetObject {

    /** Marks "no such member" (distinct from a member whose value is null). */
    Object NONE = new Object();

    String typeName();

    /** A property's value, or {@link #NONE}. Names arrive as written; match them case-insensitively. */
    default Object property(String name) {
        return NONE;
    }

    /** Sets a property; false when there is no such settable property. */
    default boolean setProperty(String name, Object value) {
        return false;
    }

    /** Calls a method, or returns {@link #NONE} when there is no such method. */
    default Object call(String name, List<Object> args) {
        return NONE;
    }

    /** The property names Format-List shows. */
    default List<String> propertyNames() {
        return List.of();
    }
}
