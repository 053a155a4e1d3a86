package dev.reprolab.windows.fltmc;

/**
 * One filter as {@code fltmc} lists it. Altitude kept as text (it can be fractional, e.g. {@code 385250.5}).
 * A legacy filter ({@code <Legacy>} in the output) has null instances, altitude and frame.
 */
public record FilterRow(String name, Integer instances, String altitude, Integer frame) {

    public boolean legacy() {
        return altitude == null;
    }

    public static FilterRow legacy(String name) {
        return new FilterRow(name, null, null, null);
    }
}
