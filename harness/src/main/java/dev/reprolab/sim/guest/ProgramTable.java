package dev.reprolab.sim.guest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console programs a guest can run, looked up by image name the way cmd finds them on the PATH. */
final class ProgramTable {

    private final Map<String, GuestProgram> programs = new HashMap<>();

    ProgramTable(List<GuestProgram> extra) {
        for (GuestProgram p : Diagnostics.all()) {
            register(p);
        }
        for (GuestProgram p : Servicing.all()) {
            register(p);
        }
        for (GuestProgram p : CorePrograms.all()) {
            register(p);
        }
        for (GuestProgram p : IisPrograms.all()) {
            register(p);
        }
        for (GuestProgram p : SettingsPrograms.all(this::find)) {
            register(p);
        }
        for (GuestProgram p : extra) {
            register(p);
        }
    }

    void register(GuestProgram p) {
        for (String n : p.names()) {
            programs.put(n.toLowerCase(Locale.ROOT), p);
        }
    }

    GuestProgram find(String image) {
        String base = image.replace("\"", "").replace('/', '\\');
        base = base.substring(base.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
        if (base.startsWith("\"")) {
            base = base.substring(1);
        }
        GuestProgram p = programs.get(base);
        if (p == null && !base.endsWith(".exe")) {
            p = programs.get(base + ".exe");
        }
        return p;
    }
}
