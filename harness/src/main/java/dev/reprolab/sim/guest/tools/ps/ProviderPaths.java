package dev.reprolab.sim.guest.tools.ps;

/** Variable paths that name provider items ({@code ${c:\file.txt}} reads the file's text). */
final class ProviderPaths {

    private ProviderPaths() {
    }

    static Object readVariablePath(Session s, String path) {
        if (path.length() > 2 && path.charAt(1) == ':') {
            java.nio.file.Path f = s.host.file(dev.reprolab.sim.guest.tools.WinPath.resolve(s.location, path));
            try {
                java.util.List<String> lines = FileText.lines(FileText.decode(java.nio.file.Files.readAllBytes(f), ContentCmdlets.ANSI));
                return lines.size() == 1 ? lines.get(0) : lines.toArray();
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }
}
