package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/** System.Management.Automation.PathInfo ($PWD, Get-Location, Resolve-Path): prints as its path. */
final class PathInfo {

    private PathInfo() {
    }

    static PsObject of(String path) {
        PsObject o = new PsObject("System.Management.Automation.PathInfo");
        o.put("Drive", path.length() > 1 && path.charAt(1) == ':' ? path.substring(0, 1) : "");
        o.put("Provider", "Microsoft.PowerShell.Core\\FileSystem");
        o.put("ProviderPath", path);
        o.put("Path", path);
        o.defaultDisplay = List.of("Path");
        o.toStringValue = path;
        return o;
    }
}
