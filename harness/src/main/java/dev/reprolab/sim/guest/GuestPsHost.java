package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.tools.ps.PsHost;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What powershell.exe sees of its guest: the same services, processes, registry, event log, updates and features
 * as sc, tasklist, reg and dism. Service and process control go through the guest's own sc.exe and taskkill.exe,
 * so PowerShell starts and stops services exactly as they do.
 */
final class GuestPsHost implements PsHost {

    private final SimGuest guest;
    private final ProgramCall call;
    private final int pid;

    GuestPsHost(SimGuest guest, ProgramCall call) {
        this.guest = guest;
        this.call = call;
        this.pid = 2000 + Math.floorMod(System.identityHashCode(call), 4000) / 4 * 4;
    }

    @Override
    public long totalPhysicalMemory() {
        return guest.settings(MachineSettings::totalPhysicalMemoryBytes);
    }

    @Override
    public long availablePhysicalMemory() {
        return guest.settings(MachineSettings::availablePhysicalMemoryBytes);
    }

    @Override
    public String currentDirectory() {
        return call.currentDirectory();
    }

    @Override
    public Path file(String canonicalWindowsPath) {
        return guest.file(canonicalWindowsPath);
    }

    @Override
    public String lastBootUpTimeWmi() {
        return guest.lastBootUpTimeWmi();
    }

    @Override
    public Optional<String> fileVersion(String canonicalWindowsPath) {
        return guest.fileVersion(canonicalWindowsPath);
    }

    @Override
    public String computerName() {
        return guest.computerName();
    }

    @Override
    public List<HotFixRow> hotfixes() {
        return guest.hotfixes().stream().map(h -> new HotFixRow(h.description(), h.hotFixId(), h.installedBy(), h.installedOn())).toList();
    }

    @Override
    public Instant now() {
        return guest.clock().instant();
    }

    @Override
    public java.time.ZoneId zone() {
        return guest.clock().getZone();
    }

    @Override
    public Instant bootTime() {
        return guest.bootTime();
    }

    @Override
    public void reserveDisk(long bytes) throws java.io.IOException {
        guest.reserveDisk(bytes);
    }

    @Override
    public int processId() {
        return pid;
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ALLUSERSPROFILE", "C:\\ProgramData");
        env.put("APPDATA", "C:\\Users\\Administrator\\AppData\\Roaming");
        env.put("CommonProgramFiles", "C:\\Program Files\\Common Files");
        env.put("COMPUTERNAME", guest.computerName());
        env.put("ComSpec", "C:\\Windows\\system32\\cmd.exe");
        env.put("HOMEDRIVE", "C:");
        env.put("HOMEPATH", "\\Users\\Administrator");
        env.put("LOCALAPPDATA", "C:\\Users\\Administrator\\AppData\\Local");
        env.put("NUMBER_OF_PROCESSORS", "2");
        env.put("OS", "Windows_NT");
        env.put("Path", "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\");
        env.put("PATHEXT", ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC");
        env.put("PROCESSOR_ARCHITECTURE", "AMD64");
        env.put("ProgramData", "C:\\ProgramData");
        env.put("ProgramFiles", "C:\\Program Files");
        env.put("ProgramFiles(x86)", "C:\\Program Files (x86)");
        env.put("PSModulePath", "C:\\Users\\Administrator\\Documents\\WindowsPowerShell\\Modules;C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\");
        env.put("PUBLIC", "C:\\Users\\Public");
        env.put("SystemDrive", "C:");
        env.put("SystemRoot", "C:\\Windows");
        env.put("TEMP", "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp");
        env.put("TMP", "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp");
        env.put("USERDOMAIN", guest.computerName());
        env.put("USERNAME", "Administrator");
        env.put("USERPROFILE", "C:\\Users\\Administrator");
        env.put("windir", "C:\\Windows");
        return env;
    }

    @Override
    public Integer external(String commandLine, Consumer<String> out, Consumer<String> err) throws InterruptedException {
        String image = commandLine.strip().split("\\s+")[0];
        if (guest.program(image) == null) {
            return null;
        }
        LineSink o = new LineSink(out);
        LineSink e = new LineSink(err);
        int rc = new CmdShell(guest, call.remoteSession(), java.io.InputStream.nullInputStream(), o, e).runLine(commandLine);
        o.flush();
        e.flush();
        return rc;
    }

    /** Runs a guest program for its exit code, discarding its output. */
    private int quiet(String commandLine) {
        try {
            Integer rc = external(commandLine, l -> { }, l -> { });
            return rc == null ? 9009 : rc;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1223;
        }
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        call.sleep(d);
    }

    @Override
    public List<ProcessRow> processes() {
        return guest.processes().stream().map(p -> new ProcessRow(p.pid(), p.parentPid(), p.imageName(), p.sessionNumber(),
                p.memUsageKb(), p.commandLine())).toList();
    }

    @Override
    public String stopProcess(int target) {
        if (guest.processes().stream().noneMatch(p -> p.pid() == target)) {
            return "The process is not running.";
        }
        return quiet("taskkill /f /pid " + target) == 0 ? null : "Access is denied";
    }

    @Override
    public int startProcess(String commandLine) {
        String image = commandLine.startsWith("\"") ? commandLine.substring(1, commandLine.indexOf('"', 1)) : commandLine.split("\\s+")[0];
        if (guest.program(image) == null) {
            return -1;
        }
        return guest.startDetached(commandLine, rc -> { });
    }

    @Override
    public List<ServiceRow> services() {
        synchronized (guest.lock()) {
            List<ServiceRow> out = new ArrayList<>();
            for (GuestState.Service s : guest.state().services.values()) {
                String status = switch (s.stateCode) {
                    case 2 -> "StartPending";
                    case 3 -> "StopPending";
                    case 4 -> "Running";
                    case 7 -> "Paused";
                    default -> "Stopped";
                };
                out.add(new ServiceRow(s.name, s.displayName, status, s.autoStart ? "Automatic" : "Manual", s.binaryPath, s.pid, List.of()));
            }
            return out;
        }
    }

    @Override
    public Integer controlService(String name, boolean start) {
        int rc = quiet("sc " + (start ? "start " : "stop ") + name);
        return rc == 0 ? null : rc;
    }

    @Override
    public Integer createService(String name, String displayName, String binaryPath, String startMode) {
        synchronized (guest.lock()) {
            if (guest.state().services.containsKey(name.toLowerCase(Locale.ROOT))) {
                return 1073;
            }
            boolean apache = binaryPath != null && binaryPath.toLowerCase(Locale.ROOT).contains("httpd");
            guest.state().services.put(name.toLowerCase(Locale.ROOT),
                    new GuestState.Service(name, displayName, binaryPath, startMode.equals("Automatic"), apache));
            return null;
        }
    }

    @Override
    public Integer configureService(String name, String startMode, String displayName) {
        synchronized (guest.lock()) {
            GuestState.Service s = guest.state().services.get(name.toLowerCase(Locale.ROOT));
            if (s == null) {
                return 1060;
            }
            if (startMode != null) {
                s.autoStart = startMode.equals("Automatic");
            }
            if (displayName != null) {
                s.displayName = displayName;
            }
            return null;
        }
    }

    @Override
    public List<EventRow> events(String logName) {
        List<EventRow> out = new ArrayList<>();
        int i = 1;
        for (GuestOs.EventRecord e : guest.events(logName)) {
            out.add(new EventRow(i++, e.logName(), e.source(), e.eventId(), e.level(), e.timeCreated(), e.message()));
        }
        return out;
    }

    @Override
    public Map<String, Object> registryValues(String key) {
        return guest.settings(m -> {
            if (!m.registry.exists(key)) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Registry.Value v : m.registry.values(key)) {
                values.put(v.name(), switch (v.type()) {
                    case "REG_DWORD" -> (Object) (int) Long.parseLong(v.data().replaceFirst("^0x", ""), v.data().startsWith("0x") ? 16 : 10);
                    case "REG_MULTI_SZ" -> v.data().split("\\\\0");
                    default -> v.data();
                });
            }
            return values;
        });
    }

    @Override
    public List<String> registrySubkeys(String key) {
        return guest.settings(m -> m.registry.subkeys(key));
    }

    @Override
    public boolean setRegistryValue(String key, String name, Object value) {
        return guest.settings(m -> {
            if (value instanceof Number n) {
                m.registry.setDword(key, name, n.longValue());
            } else {
                m.registry.set(key, name, "REG_SZ", String.valueOf(value));
            }
            return true;
        });
    }

    @Override
    public boolean createRegistryKey(String key) {
        return guest.settings(m -> {
            m.registry.createKey(key);
            return true;
        });
    }

    @Override
    public List<FeatureRow> features() {
        List<WindowsFeatures.Feature> all = guest.features().list();
        return all.stream().map(f -> new FeatureRow(f.name(), f.displayName(), f.installed(), f.parent().orElse(null))).toList();
    }

    @Override
    public boolean installFeature(String name) {
        if (!guest.features().exists(name)) {
            return false;
        }
        guest.features().install(name);
        return true;
    }

    @Override
    public String ipAddress() {
        return guest.guestIp();
    }

    @Override
    public List<String> resolve(String hostName) {
        if (hostName.equalsIgnoreCase("localhost")) {
            return List.of("127.0.0.1");
        }
        if (hostName.equalsIgnoreCase(guest.computerName())) {
            return List.of(guest.guestIp());
        }
        return hostName.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? List.of(hostName) : List.of();
    }

    /** Bytes from a program, cut into lines for PowerShell's pipeline. */
    private static final class LineSink implements Consumer<byte[]> {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream cur = new ByteArrayOutputStream();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void accept(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '\n') {
                    String line = cur.toString(CmdShell.OEM);
                    lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                    cur.reset();
                } else {
                    cur.write(b);
                }
            }
        }

        void flush() {
            if (cur.size() > 0) {
                lines.accept(cur.toString(CmdShell.OEM));
                cur.reset();
            }
        }
    }
}
