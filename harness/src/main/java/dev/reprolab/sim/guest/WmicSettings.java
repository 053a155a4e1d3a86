package dev.reprolab.sim.guest;

import dev.reprolab.windows.text.Lines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wmic} classes of the machine configuration: {@code pagefile} (Win32_PageFileUsage), {@code pagefileset}
 * (Win32_PageFileSetting), {@code computersystem}, {@code logicaldisk}, {@code os get LocalDateTime}, and
 * {@code datafile ... get Version} for files outside the patch catalog (tools, runtimes). Everything else goes to the
 * wmic that was there before. Output in {@code /value} form, CR CR LF as wmic writes when not on a console.
 */
final class WmicSettings implements GuestProgram {

    private static final Pattern SET = Pattern.compile("(?i)\\bset\\s+(.+)$");
    private static final Pattern GET = Pattern.compile("(?i)\\bget\\s+([A-Za-z0-9_,\\s]+?)(\\s+/value|\\s*$)");
    private static final Pattern NAME = Pattern.compile("(?i)name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)");
    private final GuestProgram other;

    WmicSettings(GuestProgram other) {
        this.other = other;
    }

    @Override
    public List<String> names() {
        return List.of("wmic", "wmic.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        String raw = c.rawArguments().strip();
        String alias = raw.split("\\s+")[0].toLowerCase(Locale.ROOT);
        SimGuest g = (SimGuest) c.os();
        synchronized (g.lock()) {
            MachineSettings m = g.state().settings;
            switch (alias) {
                case "pagefile" -> {
                    return values(c, raw, Map.of("AllocatedBaseSize", Long.toString(m.pageFileAllocatedMb), "CurrentUsage", "0",
                            "Name", "C:\\pagefile.sys", "PeakUsage", "0"));
                }
                case "pagefileset" -> {
                    return pageFileSet(c, raw, m);
                }
                case "computersystem" -> {
                    Matcher s = SET.matcher(raw);
                    if (s.find()) {
                        for (String kv : s.group(1).split(",")) {
                            String[] p = kv.split("=", 2);
                            if (p.length == 2 && p[0].strip().equalsIgnoreCase("AutomaticManagedPagefile")) {
                                m.pageFileAutomatic = p[1].strip().equalsIgnoreCase("true");
                            }
                        }
                        return updated(c, "Win32_ComputerSystem.Name=\"" + g.computerName() + "\"");
                    }
                    return values(c, raw, Map.of("AutomaticManagedPagefile", m.pageFileAutomatic ? "TRUE" : "FALSE",
                            "Name", g.computerName(), "TotalPhysicalMemory", Long.toString(m.totalPhysicalMemoryBytes())));
                }
                case "logicaldisk" -> {
                    return values(c, raw, Map.of("DeviceID", "C:", "FileSystem", "NTFS", "FreeSpace", Long.toString(m.freeBytes),
                            "Size", Long.toString(m.diskBytes)));
                }
                case "os" -> {
                    if (raw.toLowerCase(Locale.ROOT).contains("localdatetime")) {
                        return values(c, raw, Map.of("LocalDateTime", dev.reprolab.windows.wmi.WmiTime.format(g.clock().instant(), 0),
                                "LastBootUpTime", g.lastBootUpTimeWmi()));
                    }
                }
                case "datafile" -> {
                    Matcher n = NAME.matcher(raw);
                    if (n.find()) {
                        String path = n.group(1).replace("\\\\", "\\");
                        if (g.fileVersion(path).isEmpty()) {
                            return toolVersion(c, g, path);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return other.run(c);
    }

    private static int pageFileSet(ProgramCall c, String raw, MachineSettings m) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains(" create ")) {
            m.pageFileAutomatic = false;
            c.out(Lines.toCrCrLf("Instance creation successful.\r\n"));
            return 0;
        }
        if (m.pageFileAutomatic) {
            c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
            return 0;
        }
        Matcher s = SET.matcher(raw);
        if (s.find()) {
            for (String kv : s.group(1).split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) {
                    continue;
                }
                long v = Long.parseLong(p[1].strip());
                switch (p[0].strip().toLowerCase(Locale.ROOT)) {
                    case "initialsize" -> m.pageFileInitialMb = v;
                    case "maximumsize" -> m.pageFileMaximumMb = v;
                    default -> {
                    }
                }
            }
            m.registry.set(Registry.MEMORY_MANAGEMENT, "PagingFiles", "REG_MULTI_SZ",
                    "C:\\pagefile.sys " + m.pageFileInitialMb + " " + m.pageFileMaximumMb);
            return updated(c, "Win32_PageFileSetting.Name=\"C:\\\\pagefile.sys\"");
        }
        return values(c, raw, Map.of("InitialSize", Long.toString(m.pageFileInitialMb), "MaximumSize", Long.toString(m.pageFileMaximumMb),
                "Name", "C:\\pagefile.sys"));
    }

    private static int updated(ProgramCall c, String path) {
        c.out(Lines.toCrCrLf("Updating property(s) of '\\\\" + ((SimGuest) c.os()).computerName() + "\\ROOT\\CIMV2:" + path
                + "'\r\nProperty(s) update successful.\r\n"));
        return 0;
    }

    /** Tools are versioned by what their file says (the stand-ins carry "ProcDump v10.0"); real files by their resource. */
    private static int toolVersion(ProgramCall c, SimGuest g, String path) {
        try {
            if (!Files.isRegularFile(g.file(path))) {
                c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
                return 0;
            }
            byte[] head = Files.readAllBytes(g.file(path));
            Matcher v = VERSION.matcher(new String(head, 0, Math.min(head.length, 4096), StandardCharsets.ISO_8859_1));
            return values(c, "get Version /value", Map.of("Version", v.find() ? v.group(1) + "." + v.group(2) + ".0.0" : ""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The requested properties (all, without {@code get}) as {@code Name=value} lines, sorted as wmic sorts them. */
    private static int values(ProgramCall c, String raw, Map<String, String> props) {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Matcher get = GET.matcher(raw);
        if (get.find()) {
            for (String col : get.group(1).split("\\s*,\\s*")) {
                String k = col.strip();
                String match = props.keySet().stream().filter(p -> p.equalsIgnoreCase(k)).findFirst().orElse(null);
                if (match == null) {
                    c.err(Lines.toCrCrLf("Node - " + c.os().computerName() + "\r\nERROR:\r\nDescription = Invalid query\r\n\r\n"));
                    return 44210;
                }
                sorted.put(match, props.get(match));
            }
        } else {
            sorted.putAll(props);
        }
        StringBuilder b = new StringBuilder("\r\n\r\n");
        sorted.forEach((k, v) -> b.append(k).append('=').append(v).append("\r\n"));
        c.out(Lines.toCrCrLf(b + "\r\n\r\n"));
        return 0;
    }
}
