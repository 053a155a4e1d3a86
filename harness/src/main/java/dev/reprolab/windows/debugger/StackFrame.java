package dev.reprolab.windows.debugger;

import java.util.Locale;

/**
 * One line of a stack as kd prints it ({@code Child-SP RetAddr : Args to Child : Call Site}, or without the
 * arguments). {@code callSite} is the text as printed ({@code afd!AfdCleanupCore+0x14f}, {@code myfault+0x12d0},
 * {@code 0x00007ffc`aa52f454}); {@code kernel} says whether the frame's stack pointer is a kernel address.
 */
public record StackFrame(String childSp, String retAddr, String callSite, boolean kernel) {

    /** The module of the call site ({@code afd}), lower case; null for a bare address. */
    public String module() {
        if (isAddress()) {
            return null;
        }
        int bang = callSite.indexOf('!');
        String m = bang >= 0 ? callSite.substring(0, bang) : callSite.replaceAll("\\+0x[0-9a-fA-F]+$", "");
        return m.toLowerCase(Locale.ROOT);
    }

    /** The call site without its offset ({@code afd!AfdCleanupCore}); a module-only site keeps just the module. */
    public String symbol() {
        if (isAddress()) {
            return null;
        }
        return callSite.replaceAll("\\+0x[0-9a-fA-F`]+$", "");
    }

    /** Whether the call site is a raw address (no module known). */
    public boolean isAddress() {
        return callSite.matches("(0x)?[0-9a-fA-F`]+");
    }
}
