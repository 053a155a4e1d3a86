package dev.reprolab.remote;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.SkipException;

/**
 * A real Samba (Debian's smbd) started for a test on a loopback port, sharing a directory as {@code C$} the way a
 * Windows guest shares its system drive. SMB1 is enabled because Overthere's jcifs speaks only SMB1; unknown users
 * log on with the lab's Windows credentials, mapped to root by a username map (no system user is created).
 */
final class Samba implements AutoCloseable {

    private Process process;
    private final java.util.List<String> command;
    final int port;
    /** smbd's own log (level 2: it names every file it opens, so a test can tell which files went over SMB). */
    final Path log;

    private Samba(Process process, java.util.List<String> command, int port, Path log) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.log = log;
    }

    /**
     * @param user the Windows account the guest's share accepts (mapped to root through a username map)
     * @param password its password, put into Samba's own tdbsam in the temporary directory
     */
    static Samba share(Path cDrive, String user, String password) throws IOException, InterruptedException {
        Path smbd = Path.of("/usr/sbin/smbd");
        if (!Files.isExecutable(smbd)) {
            throw new SkipException("Samba is not installed (apt-get install -y samba; .ci/run does it)");
        }
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
        Samba samba = new Samba(null, command, port, dir.resolve("log/stdout.log"));
        samba.startSmbd();
        return samba;
    }

    /**
     * Stops smbd and starts it again on the same port: what a guest's SMB server does when the guest is restored
     * to a checkpoint (the connections end; the share is the restored disk, not the one a connection had open).
     */
    void restart() throws IOException {
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
        int prt = port;
        await("smbd listening on " + port).atMost(Duration.ofSeconds(20)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("smbd exited: " + Files.readString(dir.resolve("log/stdout.log")));
            }
            try (Socket s = new Socket("127.0.0.1", prt)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        process.destroy();
    }
}
