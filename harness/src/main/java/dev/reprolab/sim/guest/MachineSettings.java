package dev.reprolab.sim.guest;

/**
 * The machine configuration a simulated guest's console tools read and change and the harness's {@code lab doctor}
 * checks: registry, WinRM configuration, firewall, memory and page file, free space on C:. Checkpointed with the rest
 * of the guest ({@link #copy()}).
 *
 * <p>{@link #provisioned} is what the vm-images provisioning scripts leave (the default simulated lab);
 * {@link GuestDefect} takes any part of it away again.
 */
public final class MachineSettings {

    public Registry registry = new Registry();
    public WinRmConfig winrm = WinRmConfig.defaults();
    public Firewall firewall = Firewall.defaults();
    /** Memory the VM has. */
    public long ramMb = 2048;
    /** What firmware and the hypervisor keep of the VM's memory: Windows reports the rest as installed. */
    static final long FIRMWARE_RESERVED_BYTES = 466_944;
    /** Memory in use after boot with the harness's workload idle (kernel, services, the WinRM shell). */
    static final long IN_USE_BYTES = 750L << 20;

    /**
     * The one memory model every tool reports from: Win32_ComputerSystem.TotalPhysicalMemory (Get-WmiObject and
     * wmic), Win32_OperatingSystem.TotalVisibleMemorySize (the same in KB) and systeminfo's "Total Physical Memory".
     */
    public long totalPhysicalMemoryBytes() {
        return (ramMb << 20) - FIRMWARE_RESERVED_BYTES;
    }

    /** Free memory (Win32_OperatingSystem.FreePhysicalMemory, systeminfo's "Available Physical Memory"). */
    public long availablePhysicalMemoryBytes() {
        long total = totalPhysicalMemoryBytes();
        return total - Math.min(IN_USE_BYTES, total / 2);
    }

    /** Win32_ComputerSystem.AutomaticManagedPagefile. */
    public boolean pageFileAutomatic;
    /** Win32_PageFileSetting of C:\pagefile.sys (when not automatic): initial and maximum size in MB. */
    public long pageFileInitialMb = 3072;
    public long pageFileMaximumMb = 3072;
    /** Win32_PageFileUsage.AllocatedBaseSize: the page file in effect since the last boot. */
    public long pageFileAllocatedMb = 3072;
    /** Free bytes on C:. */
    public long freeBytes = 30L << 30;
    public long diskBytes = 40L << 30;
    /** The protocols SChannel's server side offers since the last boot (it reads its registry keys only then). */
    public java.util.List<String> tlsServerProtocols = java.util.List.of("TLSv1");

    /** The state the vm-images scripts leave a 2008 R2 SP1 guest in (WinRM over {@code https} or HTTP). */
    public static MachineSettings provisioned(boolean https, String computerName) {
        MachineSettings m = new MachineSettings();
        Registry r = m.registry;
        r.set(Registry.POWERSHELL_ENGINE, "PowerShellVersion", "REG_SZ", "2.0");
        r.set(Registry.POWERSHELL_ENGINE, "RuntimeVersion", "REG_SZ", "v2.0.50727");
        r.setDword(Registry.CRASH_CONTROL, "AutoReboot", 1);
        r.setDword(Registry.CRASH_CONTROL, "CrashDumpEnabled", 1);
        r.set(Registry.CRASH_CONTROL, "DumpFile", "REG_EXPAND_SZ", "%SystemRoot%\\MEMORY.DMP");
        r.setDword(Registry.CRASH_CONTROL, "Overwrite", 1);
        r.set(Registry.MEMORY_MANAGEMENT, "PagingFiles", "REG_MULTI_SZ", "C:\\pagefile.sys 3072 3072");
        r.createKey(Registry.SESSION_MANAGER);
        r.setDword(Registry.AUTO_UPDATE, "AUOptions", 1);
        r.setDword(Registry.AU_POLICY, "NoAutoUpdate", 1);
        r.setDword(Registry.AU_POLICY, "AUOptions", 1);
        r.setDword(Registry.SYSTEM_POLICIES, "LocalAccountTokenFilterPolicy", 1);
        for (String side : new String[] {"Server", "Client"}) {
            r.setDword(Registry.SCHANNEL_PROTOCOLS + "\\TLS 1.2\\" + side, "Enabled", 1);
            r.setDword(Registry.SCHANNEL_PROTOCOLS + "\\TLS 1.2\\" + side, "DisabledByDefault", 0);
        }
        WinRmConfig w = m.winrm;
        w.set("config/service/auth", "Basic", "true");
        w.set("config/service", "AllowUnencrypted", https ? "false" : "true");
        w.set("config/winrs", "MaxShellsPerUser", "10");
        w.set("config/winrs", "MaxMemoryPerShellMB", "1024");
        w.set("config/service", "MaxConcurrentOperationsPerUser", "100");
        w.addListener(new WinRmConfig.Listener("HTTP", 5985, "", ""));
        if (https) {
            w.addListener(new WinRmConfig.Listener("HTTPS", 5986, computerName, "simulated"));
            m.firewall.add(new Firewall.Rule("WinRM HTTPS (5986)", "In", "Allow", "TCP", "5986", true));
        }
        // vm-images/scripts/02-firewall.ps1 opens 80; the harness opens the workload's port again when it installs it,
        // so a guest without the rule (the FIREWALL_CLOSED defect, another port) still gets its load
        m.firewall.add(new Firewall.Rule("Apache HTTP (80)", "In", "Allow", "TCP", "80", true));
        return m;
    }

    public MachineSettings copy() {
        MachineSettings m = new MachineSettings();
        m.registry = registry.copy();
        m.winrm = winrm.copy();
        m.firewall = firewall.copy();
        m.ramMb = ramMb;
        m.pageFileAutomatic = pageFileAutomatic;
        m.pageFileInitialMb = pageFileInitialMb;
        m.pageFileMaximumMb = pageFileMaximumMb;
        m.pageFileAllocatedMb = pageFileAllocatedMb;
        m.freeBytes = freeBytes;
        m.diskBytes = diskBytes;
        m.tlsServerProtocols = tlsServerProtocols;
        return m;
    }

    /** A reboot is pending for reasons other than staged packages: a pending file rename, Windows Update's flag. */
    public boolean rebootPending() {
        return registry.get(Registry.SESSION_MANAGER, "PendingFileRenameOperations").isPresent()
                || registry.exists(Registry.REBOOT_REQUIRED);
    }

    /** What a boot does: pending renames happen, the page file takes its configured size, SChannel reads its keys. */
    void boot() {
        registry.deleteValue(Registry.SESSION_MANAGER, "PendingFileRenameOperations");
        registry.deleteKey(Registry.REBOOT_REQUIRED);
        // system-managed on a VM of this size: a page file the size of RAM (complete dumps need RAM + 1 MB)
        pageFileAllocatedMb = pageFileAutomatic ? ramMb : pageFileInitialMb;
        tlsServerProtocols = Schannel.serverProtocols(registry);
    }

    /** The page file settings changed since boot: they apply at the next one (Windows says so and asks for a restart). */
    boolean pageFileChangePending() {
        return pageFileAllocatedMb != (pageFileAutomatic ? ramMb : pageFileInitialMb);
    }
}
