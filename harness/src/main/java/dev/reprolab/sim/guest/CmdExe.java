package dev.reprolab.sim.guest;

import java.util.List;

/**
 * {@code C:\Windows\System32\cmd.exe} as a program PowerShell can find and start ({@code cmd /c "..."} from a script);
 * inside cmd the line itself is handled by the shell's built-in {@code cmd /c}.
 */
final class CmdExe implements GuestProgram {

    @Override
    public List<String> names() {
        return List.of("cmd", "cmd.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        String rest = c.rawArguments().strip();
        int slashC = CmdSyntax.indexOfSwitch(rest, "/c");
        if (slashC < 0) {
            return 0;
        }
        return new CmdShell((SimGuest) c.os(), c.remoteSession(), c.stdin(), b -> c.outBytes(b), b -> c.err(new String(b, CmdShell.OEM)))
                .runLine(rest.substring(slashC + 2).strip());
    }
}
