package dev.reprolab.sim.guest;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/** One invocation of a {@link GuestProgram}: its arguments, its console, and the guest it runs on. */
public interface ProgramCall {

    /** The guest the program runs on. */
    GuestOs os();

    /** The image name as typed ({@code netstat}, {@code C:\Windows\System32\netstat.exe}). */
    String image();

    /** The rest of the command line after the image name, exactly as cmd.exe passes it (quotes kept). */
    String rawArguments();

    /** The arguments split by the rules of {@code CommandLineToArgvW} (quotes removed). */
    List<String> args();

    /** The current directory, canonical (e.g. {@code C:\Users\Administrator}). */
    String currentDirectory();

    /**
     * Whether the program runs inside a WinRM (remote) session. Some programs behave differently there, as on
     * real 2008 R2: wusa.exe refuses with access denied, while the same line from a scheduled task works.
     */
    boolean remoteSession();

    /** Writes text to stdout in the console code page. The text carries its own line ends (CRLF as Windows prints). */
    void out(String text);

    /** Writes text to stderr in the console code page. */
    void err(String text);

    /** Writes raw bytes to stdout (for programs whose output is not text in the console code page). */
    void outBytes(byte[] bytes);

    /** What the client sends on stdin; ends when the client closes stdin. */
    InputStream stdin();

    /** Waits on the guest's clock; throws {@link InterruptedException} when the command is signalled or terminated. */
    void sleep(Duration duration) throws InterruptedException;
}
