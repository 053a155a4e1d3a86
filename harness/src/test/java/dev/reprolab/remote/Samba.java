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

    private final Process process;
    final int port;

    private Samba(Process process, int port) {
        this.process = process;
        this.port = port;
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
        Process p = new ProcessBuilder("setsid", smbd.toString(), "--foreground", "--no-process-group", "--debug-stdout", "-s", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log/stdout.log").toFile()).start();
        Samba samba = new Samba(p, port);
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
        return samba;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
