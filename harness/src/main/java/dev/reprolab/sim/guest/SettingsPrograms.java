package dev.reprolab.sim.guest;

import java.util.List;
import java.util.function.Function;

/**
 * The console programs that read and change the guest's machine configuration ({@link MachineSettings}):
 * {@code reg}, {@code winrm}, {@code netsh advfirewall} and the {@code wmic} classes for memory, page file, disk
 * and clock. Where a program already exists for other work (netsh's TCP settings, wmic's qfe), the new one handles
 * its part and hands everything else to it.
 */
final class SettingsPrograms {

    private SettingsPrograms() {
    }

    /** @param earlier the programs registered before these, by image name (captured now, not at call time) */
    static List<GuestProgram> all(Function<String, GuestProgram> earlier) {
        return List.of(new CmdExe(), new RegProgram(), new WinrmProgram(), new VcRedist(), new AdvFirewall(earlier.apply("netsh")), new WmicSettings(earlier.apply("wmic")));
    }

    static MachineSettings settings(ProgramCall c) {
        return ((SimGuest) c.os()).state().settings;
    }

    static Object lock(ProgramCall c) {
        return ((SimGuest) c.os()).lock();
    }
}
