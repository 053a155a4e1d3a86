package dev.reprolab.sim.guest;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The ProgramCall a program sees: its image, its raw argument text, argv split the C runtime's way, its streams. */
final class CmdCall implements ProgramCall {
    private final CmdShell shell;
    private final String image;
    private final String raw;
    private final List<String> args;
    private final Consumer<byte[]> o;
    private final Consumer<byte[]> e;

    CmdCall(CmdShell shell, String image, String raw, List<String> args, Consumer<byte[]> o, Consumer<byte[]> e) {
        this.shell = shell;
        this.image = image;
        this.raw = raw;
        this.args = List.copyOf(args);
        this.o = o;
        this.e = e;
    }

    @Override
    public GuestOs os() {
        return shell.guest();
    }

    @Override
    public String image() {
        return CmdSyntax.unquote(image);
    }

    @Override
    public String rawArguments() {
        return raw;
    }

    @Override
    public List<String> args() {
        return args;
    }

    @Override
    public String currentDirectory() {
        return shell.cwd();
    }

    @Override
    public boolean remoteSession() {
        return shell.remote();
    }

    @Override
    public void out(String text) {
        o.accept(text.getBytes(CmdShell.OEM));
    }

    @Override
    public void err(String text) {
        e.accept(text.getBytes(CmdShell.OEM));
    }

    @Override
    public void outBytes(byte[] bytes) {
        o.accept(bytes);
    }

    @Override
    public InputStream stdin() {
        return shell.stdin();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(0, d.toMillis()));
    }
}
