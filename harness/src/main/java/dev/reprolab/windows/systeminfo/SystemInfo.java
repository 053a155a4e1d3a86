package dev.reprolab.windows.systeminfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * systeminfo's fields in printed order ({@code "OS Name" -> "Microsoft Windows Server 2008 R2 Standard "}; values
 * as printed, including the trailing space 2008 R2 leaves after the OS name), the processor lines, the hotfix
 * ids and the network card lines (each without its indentation; sub-lines keep their own label, e.g.
 * {@code "Connection Name: Local Area Connection"}, and carry a leading {@code "  "} marker for the deeper
 * indent).
 */
public record SystemInfo(LinkedHashMap<String, String> fields, List<String> processors, List<String> hotfixes,
                         List<String> networkCards) {

    public SystemInfo {
        fields = new LinkedHashMap<>(fields);
        processors = List.copyOf(processors);
        hotfixes = List.copyOf(hotfixes);
        networkCards = List.copyOf(networkCards);
    }

    public String field(String label) {
        return fields.get(label);
    }

    public String hostName() {
        return fields.get("Host Name");
    }

    /** OS name without the trailing space some versions print. */
    public String osName() {
        String v = fields.get("OS Name");
        return v == null ? null : v.strip();
    }

    /** e.g. {@code 6.1.7601 Service Pack 1 Build 7601}. */
    public String osVersion() {
        return fields.get("OS Version");
    }

    /** The build number from OS Version, or null. */
    public Integer build() {
        String v = osVersion();
        if (v == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Build (\\d+)").matcher(v);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** As printed, e.g. {@code 10/24/2018, 9:35:12 AM}. */
    public String systemBootTime() {
        String v = fields.get("System Boot Time");
        return v != null ? v : fields.get("System Up Time");
    }

    /**
     * The count systeminfo declared ({@code "302 Hotfix(s) Installed."} gives 302), or null. A capture cut short
     * (a shell's buffer, a pasted excerpt) lists fewer ids than this; {@link #hotfixes()} holds only the ids
     * actually listed.
     */
    public Integer declaredHotfixCount() {
        String v = fields.get("Hotfix(s)");
        if (v == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)").matcher(v.strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Whether every declared hotfix id was listed (false when the count is unknown). */
    public boolean hotfixListComplete() {
        Integer n = declaredHotfixCount();
        return n != null && n == hotfixes.size();
    }

    /** The ordered fields as an unmodifiable view. */
    public Map<String, String> fieldMap() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
