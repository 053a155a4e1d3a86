package dev.reprolab.sim.guest.tools.ps;

import java.util.List;
import java.util.function.Function;

/** Format-List entries: labels padded to the longest, " : ", values wrapped at the line width under their column. */
final class ListLayout {

    private ListLayout() {
    }

    static String entry(Object o, List<String> props, int lineWidth, Function<Object, String> display) {
        int labelWidth = 0;
        for (String p : props) {
            labelWidth = Math.max(labelWidth, p.length());
        }
        StringBuilder sb = new StringBuilder();
        int valueWidth = Math.max(10, lineWidth - labelWidth - 3);
        for (String p : props) {
            String value = display.apply(Views.prop(o, p));
            String label = p + " ".repeat(labelWidth - p.length()) + " : ";
            List<String> lines = wrap(value, valueWidth);
            for (int i = 0; i < lines.size(); i++) {
                sb.append(i == 0 ? label : " ".repeat(label.length())).append(lines.get(i)).append("\r\n");
            }
        }
        return sb.toString();
    }

    static List<String> wrap(String value, int width) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String line : value.replace("\r\n", "\n").split("\n", -1)) {
            String rest = line;
            while (rest.length() > width) {
                out.add(rest.substring(0, width));
                rest = rest.substring(width);
            }
            out.add(rest);
        }
        return out;
    }
}
