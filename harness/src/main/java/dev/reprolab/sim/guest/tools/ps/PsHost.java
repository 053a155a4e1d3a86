package dev.reprolab.sim.guest.tools.ps;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the PowerShell interpreter needs from the guest it runs on: the one model of files, services, processes,
 * registry, event log, updates and features that cmd, sc, tasklist and wmic see too. Defaults describe an
 * empty machine, so a test host implements only what it exercises.
 */
public interface PsHost {

    /** The process's current directory, canonical ({@code C:\Users\Administrator} for a WinRM shell). */
    String currentDirectory();

    /** Where a canonical Windows path ({@code C:\lab\x.zip}) lives on the simulator's disk. */
    Path file(String canonicalWindowsPath);

    /** {@code Win32_OperatingSystem.LastBootUpTime} in WMI datetime form, e.g. {@code 20181024093512.500000+060}. */
    String lastBootUpTimeWmi();

    /** The FileVersion resource of a file the guest knows (system drivers), empty for files without one. */
    Optional<String> fileVersion(String canonicalWindowsPath);

    /**
     * Called before bytes are written to the guest's disk; throws {@link java.io.IOException} ("No space left on
     * device") when the volume is full, which .NET code sees as "There is not enough space on the disk."
     */
    default void reserveDisk(long bytes) throws java.io.IOException {
    }

    /** The guest's clock. */
    default Instant now() {
        return Instant.now();
    }

    /**
     * The performance counter (QueryPerformanceCounter, what {@code System.Diagnostics.Stopwatch} reads), in
     * nanoseconds: it runs on through a time synchronization step, where the wall clock jumps.
     */
    default long performanceCounterNanos() {
        return System.nanoTime();
    }

    /** The guest's time zone (what DateTime.Now is local to). */
    default ZoneId zone() {
        return ZoneId.systemDefault();
    }

    default Instant bootTime() {
        return now().minusSeconds(3600);
    }

    /**
     * Runs an external program ({@code netstat.exe -ano}) as PowerShell does: its stdout lines become the
     * statement's output. Returns null when no such program exists.
     */
    default Integer external(String commandLine, java.util.function.Consumer<String> out, java.util.function.Consumer<String> err)
            throws InterruptedException {
        return null;
    }

    /** Waits on the guest's clock (Start-Sleep); interrupted when the command is stopped. */
    default void sleep(java.time.Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** The computer name (Get-HotFix's Source column). */
    String computerName();

    /** Memory Windows reports as installed, in bytes (Win32_ComputerSystem.TotalPhysicalMemory). */
    default long totalPhysicalMemory() {
        return 4_294_500_352L;
    }

    /** Free memory in bytes (Win32_OperatingSystem.FreePhysicalMemory, in KB there). */
    default long availablePhysicalMemory() {
        return totalPhysicalMemory() - (750L << 20);
    }

    /** Installed (committed) hotfixes, in Win32_QuickFixEngineering order. */
    List<HotFixRow> hotfixes();

    /** One Win32_QuickFixEngineering instance as Get-HotFix shows it. */
    record HotFixRow(String description, String hotFixId, String installedBy, String installedOn) {
    }

    /** The process environment block powershell.exe starts with. */
    default Map<String, String> environment() {
        return Map.of("COMPUTERNAME", computerName(), "USERNAME", "Administrator", "USERPROFILE", "C:\\Users\\Administrator",
                "SystemRoot", "C:\\Windows", "windir", "C:\\Windows", "TEMP", "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp",
                "TMP", "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp", "OS", "Windows_NT", "PROCESSOR_ARCHITECTURE", "AMD64",
                "NUMBER_OF_PROCESSORS", "2");
    }

    /** Machine-level environment variables (the registry's), for [Environment]::GetEnvironmentVariable(x, 'Machine'). */
    default Map<String, String> machineEnvironment() {
        return environment();
    }

    /** powershell.exe's own process id. */
    default int processId() {
        return 2948;
    }

    /** A process as the guest's process table has it. */
    record ProcessRow(int pid, int parentPid, String imageName, int sessionId, long workingSetKb, String commandLine) {
    }

    default List<ProcessRow> processes() {
        return List.of();
    }

    /** Terminates a process; returns null on success or the Win32 error text ("Access is denied"). */
    default String stopProcess(int pid) {
        return "The process is not running.";
    }

    /** Starts a program detached (Start-Process); returns its pid, or -1 when the file is not found. */
    default int startProcess(String commandLine) {
        return -1;
    }

    /** A service as the SCM has it; status is Stopped, StartPending, StopPending, Running... */
    record ServiceRow(String name, String displayName, String status, String startMode, String pathName, int pid,
                      List<String> dependentServices) {
    }

    default List<ServiceRow> services() {
        return List.of();
    }

    /** Starts or stops a service as sc does; returns null on success, else the Win32 error code. */
    default Integer controlService(String name, boolean start) {
        return 1060;
    }

    /** Creates a service (New-Service); returns null on success, else the Win32 error code (1073: exists). */
    default Integer createService(String name, String displayName, String binaryPath, String startMode) {
        return 5;
    }

    /** Changes a service's start mode or display name (Set-Service); null on success. */
    default Integer configureService(String name, String startMode, String displayName) {
        return 1060;
    }

    /** An event log record. */
    record EventRow(int index, String logName, String source, int eventId, String entryType, Instant time, String message) {
    }

    default List<EventRow> events(String logName) {
        return List.of();
    }

    /** A registry key's values (name → String/Integer/Long/byte[]/String[]), or null when the key does not exist. */
    default Map<String, Object> registryValues(String key) {
        return null;
    }

    /** Subkey names of a registry key (empty when none or missing). */
    default List<String> registrySubkeys(String key) {
        return List.of();
    }

    /** Sets a registry value (creating the key); false when the key cannot be written. */
    default boolean setRegistryValue(String key, String name, Object value) {
        return false;
    }

    default boolean createRegistryKey(String key) {
        return false;
    }

    /** A Windows optional feature (Server Manager's name, display name, installed?). */
    record FeatureRow(String name, String displayName, boolean installed, String parent) {
    }

    default List<FeatureRow> features() {
        return List.of();
    }

    /** Installs a feature (Add-WindowsFeature); returns false when it is unknown. */
    default boolean installFeature(String name) {
        return false;
    }

    /** Name resolution as the guest's resolver does it (hosts file, DNS); empty when unknown. */
    default List<String> resolve(String hostName) {
        if (hostName.equalsIgnoreCase("localhost") || hostName.equalsIgnoreCase(computerName())) {
            return List.of("127.0.0.1");
        }
        return List.of();
    }

    /** The guest's IPv4 address (Win32_NetworkAdapterConfiguration). */
    default String ipAddress() {
        return "10.0.0.4";
    }

    /** The C: volume's size and free bytes. */
    default long[] diskSpace() {
        return new long[] {42_842_714_112L, 21_474_836_480L};
    }

    /** Fetches a URL as the guest's WinINet/HTTP stack would; throws {@link java.io.IOException} on failure. */
    default byte[] httpGet(String url) throws java.io.IOException {
        java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
        try {
            var r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(60)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 400) {
                throw new java.io.IOException("The remote server returned an error: (" + r.statusCode() + ")");
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("The operation has timed out");
        } catch (IllegalArgumentException e) {
            throw new java.io.IOException("Invalid URI: The format of the URI could not be determined.");
        }
    }
}
