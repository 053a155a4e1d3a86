package dev.reprolab.sim.guest;

import java.util.List;

/** reg query for the pending-reboot keys the harness reads. */
final class Reg implements GuestProgram {
    static final String CBS_REBOOT = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";

    @Override
    public List<String> names() {
        return List.of("reg", "reg.exe");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        if (a.size() < 2 || !a.get(0).equalsIgnoreCase("query")) {
            c.err("ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n");
            return 1;
        }
        String key = a.get(1).replaceFirst("(?i)^HKLM\\\\", "HKEY_LOCAL_MACHINE\\\\");
        if (key.equalsIgnoreCase(CBS_REBOOT)) {
            if (c.os().rebootPending()) {
                c.out("\r\n" + CBS_REBOOT + "\r\n    " + "{" + "5A3A1C9B-0D2E-4C4F-9E6B-1D5F2D7E8A10" + "}    REG_DWORD    0x1\r\n\r\n");
                return 0;
            }
        }
        c.err("ERROR: The system was unable to find the specified registry key or value.\r\n");
        return 1;
    }
}
