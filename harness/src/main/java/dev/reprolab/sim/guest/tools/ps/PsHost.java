package dev.reprolab.sim.guest.tools.ps;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the PowerShell interpreter needs from the guest it runs on. */
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
    default java.time.Instant now() {
        return java.time.Instant.now();
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

    /** Installed (committed) hotfixes, in Win32_QuickFixEngineering order. */
    List<HotFixRow> hotfixes();

    /** One Win32_QuickFixEngineering instance as Get-HotFix shows it. */
    record HotFixRow(String description, String hotFixId, String installedBy, String installedOn) {
    }
}
