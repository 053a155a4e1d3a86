package dev.reprolab.trial;

import dev.reprolab.windows.dump.DumpKind;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.dump.KernelDumpFile;
import dev.reprolab.windows.dump.MinidumpFile;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.tasklist.TaskRow;
import dev.reprolab.windows.tasklist.TasklistParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the guest's state the way an engineer at the console would (netstat, tasklist, wevtutil) and captures the
 * dumps the vendor asks for: a full user dump of httpd.exe (ProcDump) and a kernel dump (NotMyFault), fetched back
 * and checked — a truncated dump is worse than none, because it is found out only at the vendor.
 */
public final class GuestEvidence {

    /** Where the Sysinternals tools live on the guest image (see vm-images/README.md). */
    public static final String TOOLS = "C:\\tools";
    static final String DUMP_DIR = "C:\\lab\\dumps";

    private final Guest guest;
    private final Duration deadline;
    private final Path dir;
    private final TransferPolicy transfers;

    public GuestEvidence(Guest guest, Duration commandDeadline, Path trialDir) {
        this(guest, commandDeadline, trialDir, FileChannel.WINRM);
    }

    public GuestEvidence(Guest guest, Duration commandDeadline, Path trialDir, FileChannel channel) {
        this(guest, commandDeadline, trialDir, new TransferPolicy(channel, commandDeadline, TransferPolicy.DEFAULT_MIN_RATE,
                TransferPolicy.FileServer.AUTO));
    }

    /** Dumps come back as {@code transfers} says: its channel, and a deadline sized by the dump. */
    public GuestEvidence(Guest guest, Duration commandDeadline, Path trialDir, TransferPolicy transfers) {
        this.guest = guest;
        this.deadline = commandDeadline;
        this.dir = trialDir;
        this.transfers = transfers;
    }

    /** A dump fetched to the controller. */
    public record Dump(DumpKind kind, String relativePath, long bytes, String sha256, boolean valid,
                       List<String> problems) {
    }

    /** The TCP table now. */
    public List<NetstatRow> netstat() {
        CommandResult r = guest.run("netstat -ano -p tcp", deadline);
        if (r.exitCode() != 0) {
            throw new LabException("netstat failed on " + guest.name() + ": exit " + r.exitCode() + " " + r.stderr().strip());
        }
        return NetstatParser.parse(r.stdout());
    }

    /** The pids of the running httpd.exe processes (parent and child under mpm_winnt). */
    public List<Integer> httpdPids() {
        return pids(List.of("httpd.exe"), List.of());
    }

    /**
     * The processes to watch: every running process of one of the workload's images, plus the given pids (the
     * service's own process from {@code sc queryex}, whatever its image — svchost.exe for W3SVC) while they run.
     * In tasklist order; one tasklist for all.
     */
    public List<Integer> pids(List<String> images, List<Integer> alsoPids) {
        CommandResult r = guest.run(images.size() == 1 && alsoPids.isEmpty()
                ? "tasklist /fi \"IMAGENAME eq " + images.get(0) + "\" /fo csv /nh" : "tasklist /fo csv /nh", deadline);
        return TasklistParser.parse(r.stdout()).stream()
                .filter(t -> images.stream().anyMatch(i -> i.equalsIgnoreCase(t.imageName())) || alsoPids.contains(t.pid()))
                .map(TaskRow::pid).toList();
    }

    /** The image name of a running process, or empty. */
    public java.util.Optional<String> image(int pid) {
        CommandResult r = guest.run("tasklist /fi \"PID eq " + pid + "\" /fo csv /nh", deadline);
        return TasklistParser.parse(r.stdout()).stream().filter(t -> t.pid() == pid).map(TaskRow::imageName).findFirst();
    }

    /** The System log's AFD and Service Control Manager story, newest first; returns the file's relative name. */
    public String systemLog(String fileName) {
        CommandResult r = guest.run("wevtutil qe System /q:\"*[System[(EventID=16002 or EventID=7036 or EventID=7011)]]\""
                + " /f:text /c:50 /rd:true", deadline);
        write(fileName, r.stdout() + r.stderr());
        return fileName;
    }

    /** {@code procdump -ma} of the process, fetched and checked. */
    public Dump procdump(int pid) {
        return procdump(pid, "httpd.exe");
    }

    /** {@code procdump -ma} of a process of the given image ({@code w3wp-1234.dmp}), fetched and checked. */
    public Dump procdump(int pid, String image) {
        String base = image.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.exe$", "").replaceAll("[^a-z0-9_.-]", "_");
        String remote = DUMP_DIR + "\\" + base + "-" + pid + ".dmp";
        guest.run("mkdir " + DUMP_DIR + " 2>nul", deadline);
        CommandResult r = guest.run(TOOLS + "\\procdump.exe -accepteula -ma " + pid + " " + remote, deadline.multipliedBy(4));
        write("procdump-" + pid + ".txt", r.stdout() + r.stderr());
        String local = base + "-" + pid + ".dmp";
        guest.download(remote, dir.resolve(local), transfers);
        return dump(DumpKind.PROCESS, local, MinidumpFile.validate(dir.resolve(local)).problems());
    }

    /** The one-shot task that starts the crash. */
    static final String CRASH_TASK = "lab-crash";

    /**
     * Crashes the guest with NotMyFault (bugcheck 0xD1 through myfault.sys), waits out the reboot by uptime, and
     * fetches {@code MEMORY.DMP}. The crash is started detached, from a one-shot scheduled task run as SYSTEM: run
     * in the WinRM shell it never returns (the machine dies under the command), and a read on that dead connection
     * has nothing to end it but a socket timeout. {@code schtasks /run} answers at once, and the task's program
     * bugchecks the machine after the reply. {@code /st 00:00} is in the past: schtasks warns on stderr and still
     * creates the task, which runs only when asked.
     */
    public Dump kernelDump(Duration bootDeadline) {
        dev.reprolab.remote.BootMark bootBefore = guest.bootMark(deadline);
        CommandResult created = guest.run("schtasks /create /tn " + CRASH_TASK + " /tr \"" + TOOLS
                + "\\notmyfaultc64.exe /accepteula crash 0x01\" /sc once /st 00:00 /ru SYSTEM /rl highest /f", deadline);
        if (created.exitCode() != 0) {
            throw new LabException(guest.name() + ": could not create the crash task (schtasks exit " + created.exitCode() + "): "
                    + (created.stderr() + created.stdout()).strip());
        }
        CommandResult ran;
        try {
            ran = guest.run("schtasks /run /tn " + CRASH_TASK, deadline);
        } catch (LabException bugcheckedAlready) {
            // the task's program may bugcheck the guest before the reply to /run made it back
            ran = null;
        }
        if (ran != null && ran.exitCode() != 0) {
            throw new LabException(guest.name() + ": could not start the crash task (schtasks exit " + ran.exitCode() + "): "
                    + (ran.stderr() + ran.stdout()).strip());
        }
        guest.awaitReboot(bootBefore, bootDeadline);
        guest.download("C:\\Windows\\MEMORY.DMP", dir.resolve("MEMORY.DMP"), transfers);
        try {
            guest.run("schtasks /delete /tn " + CRASH_TASK + " /f", deadline);
        } catch (LabException leftBehind) {
            // a one-shot task left on the guest is harmless: the next trial restores the golden checkpoint
        }
        return dump(DumpKind.KERNEL, "MEMORY.DMP", KernelDumpFile.validate(dir.resolve("MEMORY.DMP")).problems());
    }

    private Dump dump(DumpKind kind, String relative, List<String> problems) {
        Path file = dir.resolve(relative);
        try {
            return new Dump(kind, relative, Files.size(file), sha256(file), problems.isEmpty(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String fileName, String text) {
        try {
            Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        return dev.reprolab.remote.Sha256.of(file);
    }
}
