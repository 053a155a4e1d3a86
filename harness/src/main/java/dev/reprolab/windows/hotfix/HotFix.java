package dev.reprolab.windows.hotfix;

/**
 * One installed update. {@code installedOn} is kept as printed (its format depends on the machine's locale and
 * the tool: wmic prints {@code 7/17/2018}); null fields were absent or empty in the output.
 */
public record HotFix(String hotFixId, String description, String caption, String installedBy, String installedOn) {

    /** The value of a wmic column (Caption, Description, HotFixID, InstalledBy, InstalledOn), "" when null. */
    public String column(String name) {
        String v = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "caption" -> caption;
            case "description" -> description;
            case "hotfixid" -> hotFixId;
            case "installedby" -> installedBy;
            case "installedon" -> installedOn;
            default -> throw new IllegalArgumentException("unsupported qfe column " + name);
        };
        return v == null ? "" : v;
    }
}
