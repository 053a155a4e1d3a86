package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A simulated guest that is wrong on purpose, so that every {@code lab doctor} check can be seen failing: each defect
 * undoes one thing the image recipe (vm-images) sets up, or adds one thing a real base image picks up by accident.
 * Applied to a booted guest before its {@code clean} checkpoint is taken, so restores keep it.
 */
public enum GuestDefect {
    MISSING_TOOLS("procdump.exe and notmyfaultc64.exe are not in C:\\tools"),
    MISSING_PROCDUMP("procdump.exe is not in C:\\tools"),
    PROCDUMP_TOO_NEW("C:\\tools\\procdump.exe is ProcDump v11.0 (needs Server 2016)"),
    NO_VCRUNTIME("the Visual C++ 2015-2022 runtime is not installed"),
    SMALL_PAGE_FILE("the page file is 512 MB"),
    SYSTEM_MANAGED_PAGE_FILE("the page file is system-managed (the size of RAM)"),
    CRASH_DUMP_OFF("CrashControl\\CrashDumpEnabled is 0 (no dump on a bugcheck)"),
    KERNEL_DUMP_ONLY("CrashControl\\CrashDumpEnabled is 2 (kernel memory dump), the 2008 R2 default"),
    LOW_SHELL_QUOTA("MaxShellsPerUser is 2"),
    DEFAULT_SHELL_QUOTA("MaxShellsPerUser is 5, the 2008 R2 default"),
    LOW_SHELL_MEMORY("MaxMemoryPerShellMB is 150, the 2008 R2 default"),
    LOW_OPERATION_QUOTA("MaxConcurrentOperationsPerUser is 2"),
    SHORT_MAX_TIMEOUT("MaxTimeoutms is 30000"),
    REGRESSED_BASE_IMAGE("the base image already has KB4338818 (the July 2018 rollup)"),
    PENDING_REBOOT("a reboot is pending (PendingFileRenameOperations)"),
    AUTO_UPDATE_ON("Windows Update installs updates by itself (AUOptions 4)"),
    CLOCK_SKEW("the guest clock is 5 minutes ahead"),
    DISK_FULL("C: has 200 MB free"),
    TLS12_OFF("TLS 1.2 is not enabled for SChannel (the 2008 R2 default)"),
    FIREWALL_CLOSED("no firewall rule lets TCP 80 in"),
    PORT_80_TAKEN("something already listens on port 80"),
    NO_TOKEN_FILTER_POLICY("LocalAccountTokenFilterPolicy is not set (no C$ for a local administrator)");

    /** What the bare image has before the provisioning scripts ran: Windows as set up, WinRM opened for Packer over HTTP. */
    public static final Set<GuestDefect> BARE = EnumSet.of(MISSING_TOOLS, NO_VCRUNTIME, SYSTEM_MANAGED_PAGE_FILE, KERNEL_DUMP_ONLY,
            DEFAULT_SHELL_QUOTA, LOW_SHELL_MEMORY, AUTO_UPDATE_ON, TLS12_OFF, FIREWALL_CLOSED, NO_TOKEN_FILTER_POLICY);

    /** How far {@link #CLOCK_SKEW} puts the guest's clock ahead. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private final String description;

    GuestDefect(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name used on the command line: {@code pending-reboot}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static GuestDefect parse(String name) {
        for (GuestDefect d : values()) {
            if (d.cliName().equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown guest defect '" + name + "'");
    }

    /** Applies the defect to a running guest (its clock is the builder's; {@link #CLOCK_SKEW} is applied there). */
    public void apply(SimGuest guest) {
        synchronized (guest.lock()) {
            MachineSettings m = guest.state().settings;
            Registry r = m.registry;
            switch (this) {
                case MISSING_TOOLS -> {
                    delete(guest, "C:\\tools\\procdump.exe");
                    delete(guest, "C:\\tools\\procdump64.exe");
                    delete(guest, "C:\\tools\\notmyfaultc64.exe");
                }
                case MISSING_PROCDUMP -> {
                    delete(guest, "C:\\tools\\procdump.exe");
                    delete(guest, "C:\\tools\\procdump64.exe");
                }
                case PROCDUMP_TOO_NEW -> write(guest, "C:\\tools\\procdump.exe", "MZ simulated lab stand-in for Sysinternals ProcDump v11.0\r\n");
                case NO_VCRUNTIME -> {
                    delete(guest, "C:\\Windows\\System32\\vcruntime140.dll");
                    delete(guest, "C:\\Windows\\System32\\msvcp140.dll");
                }
                case SMALL_PAGE_FILE -> {
                    m.pageFileAutomatic = false;
                    m.pageFileInitialMb = 512;
                    m.pageFileMaximumMb = 512;
                    m.pageFileAllocatedMb = 512;
                    r.set(Registry.MEMORY_MANAGEMENT, "PagingFiles", "REG_MULTI_SZ", "C:\\pagefile.sys 512 512");
                }
                case SYSTEM_MANAGED_PAGE_FILE -> {
                    m.pageFileAutomatic = true;
                    m.pageFileAllocatedMb = m.ramMb;
                    r.set(Registry.MEMORY_MANAGEMENT, "PagingFiles", "REG_MULTI_SZ", "?:\\pagefile.sys");
                }
                case CRASH_DUMP_OFF -> r.setDword(Registry.CRASH_CONTROL, "CrashDumpEnabled", 0);
                case KERNEL_DUMP_ONLY -> r.setDword(Registry.CRASH_CONTROL, "CrashDumpEnabled", 2);
                case LOW_SHELL_QUOTA -> m.winrm.set("config/winrs", "MaxShellsPerUser", "2");
                case DEFAULT_SHELL_QUOTA -> m.winrm.set("config/winrs", "MaxShellsPerUser", "5");
                case LOW_SHELL_MEMORY -> m.winrm.set("config/winrs", "MaxMemoryPerShellMB", "150");
                case LOW_OPERATION_QUOTA -> m.winrm.set("config/service", "MaxConcurrentOperationsPerUser", "2");
                case SHORT_MAX_TIMEOUT -> m.winrm.set("config", "MaxTimeoutms", "30000");
                case REGRESSED_BASE_IMAGE -> guest.state().hotfixes.add(new GuestOs.InstalledUpdate("KB4338818", "Update",
                        "NT AUTHORITY\\SYSTEM", "7/11/2018"));
                case PENDING_REBOOT -> r.set(Registry.SESSION_MANAGER, "PendingFileRenameOperations", "REG_MULTI_SZ",
                        "\\??\\C:\\Windows\\Temp\\old.dll\\0\\0");
                case AUTO_UPDATE_ON -> {
                    r.deleteKey(Registry.AU_POLICY);
                    r.setDword(Registry.AUTO_UPDATE, "AUOptions", 4);
                }
                case CLOCK_SKEW -> {
                    // the builder's clock carries it
                }
                case DISK_FULL -> m.freeBytes = 200L << 20;
                case TLS12_OFF -> {
                    // an image built without the key: its listener has offered TLS 1.0 only since it first booted
                    r.deleteKey(Registry.SCHANNEL_PROTOCOLS + "\\TLS 1.2");
                    m.tlsServerProtocols = Schannel.serverProtocols(r);
                }
                case FIREWALL_CLOSED -> {
                    for (Firewall.Rule rule : m.firewall.rules()) {
                        if (rule.matchesTcp(80)) {
                            m.firewall.delete(rule.name());
                        }
                    }
                }
                case PORT_80_TAKEN -> guest.state().tcp.systemListener(80, 4);
                case NO_TOKEN_FILTER_POLICY -> r.deleteValue(Registry.SYSTEM_POLICIES, "LocalAccountTokenFilterPolicy");
            }
            guest.tcp().leaky(guest.leaks());
        }
    }

    private static void delete(SimGuest g, String path) {
        try {
            Files.deleteIfExists(g.file(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SimGuest g, String path, String text) {
        try {
            Files.writeString(g.file(path), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
