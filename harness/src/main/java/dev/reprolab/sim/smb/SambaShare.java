package dev.reprolab.sim.smb;

import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Samba (Debian's smbd) started on a loopback port, sharing a simulated guest's disk as {@code C$} the way a
 * Windows guest shares its system drive: what the SMB file channel talks to on the simulated lab (tests, and
 * {@code lab bench transfer --channels smb}). SMB1 is enabled because Overthere's jcifs speaks only SMB1; unknown users
 * log on with the lab's Windows credentials, mapped to root by a username map (no system user is created).
 */
public final class SambaShare implements AutoCloseable {

    private static final Path SMBD = Path.of("/usr/sbin/smbd");

    private Process process;
    private final java.util.List<String> command;
    private final int port;
    /** smbd's own log (level 2: it names every file it opens, so a test can tell which files went over SMB). */
    private final Path log;

    private SambaShare(Process process, java.util.List<String> command, int port, Path log) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.log = log;
    }

    /**
     * @param user the Windows account the guest's share accepts (mapped to root through a username map)
     * @param password its password, put into Samba's own tdbsam in the temporary directory
     */
    public static SambaShare share(Path cDrive, String user, String password) throws IOException, InterruptedException {
        if (!installed()) {
            throw new IllegalStateException(MISSING);
        }
        Path smbd = SMBD;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("samba");
        for (String d : new String[] {"private", "lock", "state", "cache", "pid", "log"}) {
            Files.createDirectories(dir.resolve(d));
        }
        Path conf = dir.resolve("smb.conf");
        Files.writeString(conf, String.join("\n",
                "[global]",
                "  server role = standalone server",
                "  interfaces = lo",
                "  bind interfaces only = yes",
                "  smb ports = " + port,
                "  server min protocol = NT1",
                "  ntlm auth = yes",
                "  username map = " + dir.resolve("users.map"),
                "  passdb backend = tdbsam:" + dir.resolve("private/passdb.tdb"),
                "  private dir = " + dir.resolve("private"),
                "  lock directory = " + dir.resolve("lock"),
                "  state directory = " + dir.resolve("state"),
                "  cache directory = " + dir.resolve("cache"),
                "  pid directory = " + dir.resolve("pid"),
                "  log file = " + dir.resolve("log/smbd.log"),
                "  log level = 2",
                "  disable spoolss = yes",
                "  load printers = no",
                "",
                "[C$]",
                "  path = " + cDrive.toAbsolutePath(),
                "  read only = no",
                "  valid users = root",
                "  force user = root",
                ""));
        Files.writeString(dir.resolve("users.map"), "root = " + user + "\n");
        Process add = new ProcessBuilder("smbpasswd", "-c", conf.toString(), "-a", "-s", "root").redirectErrorStream(true).start();
        add.getOutputStream().write((password + "\n" + password + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        add.getOutputStream().close();
        String addOut = new String(add.getInputStream().readAllBytes());
        if (add.waitFor() != 0) {
            throw new IllegalStateException("smbpasswd failed: " + addOut);
        }
        // setsid: smbd must not share the test JVM's process group (its shutdown signals the whole group)
        java.util.List<String> command = java.util.List.of("setsid", smbd.toString(), "--foreground", "--no-process-group",
                "--debug-stdout", "-s", conf.toString());
        SambaShare samba = new SambaShare(null, command, port, dir.resolve("log/stdout.log"));
        samba.startSmbd();
        return samba;
    }

    /**
     * Stops smbd and starts it again on the same port: what a guest's SMB server does when the guest is restored
     * to a checkpoint (the connections end; the share is the restored disk, not the one a connection had open).
     */
    public void restart() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startSmbd();
    }

    private void startSmbd() throws IOException {
        Path dir = log.getParent().getParent();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process = p;
        Poll.every(Duration.ofMillis(50)).until(Deadline.in(START_DEADLINE), d -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("smbd exited: " + readQuietly(dir.resolve("log/stdout.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return Poll.Attempt.done(true);
            } catch (IOException notYet) {
                return Poll.Attempt.notYet(notYet.getMessage());
            }
        }, (end, last) -> {
            p.destroy();
            return new IllegalStateException("smbd was not listening on " + port + (end == Poll.End.INTERRUPTED ? ": interrupted"
                    : " within " + START_DEADLINE + " (" + last + ")"));
        });
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether Debian's smbd is installed. */
    public static boolean installed() {
        return Files.isExecutable(SMBD);
    }

    /** What to do when it is not. */
    public static final String MISSING = "Samba is not installed (apt-get install -y samba; .ci/run does it)";

    private static final Duration START_DEADLINE = Duration.ofSeconds(20);

    /** The loopback port smbd listens on (the guest's 445). */
    public int port() {
        return port;
    }

    /** smbd's own log (level 2: it names every file it opens). */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
