package dev.reprolab.sim.guest.tools.ps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A guest disk in a temporary directory: {@code C:\x} is {@code root/x} (lower-cased, as NTFS ignores case). */
final class FakePsHost implements PsHost {

    final Path root;
    final List<HotFixRow> hotfixes = new ArrayList<>();

    FakePsHost(Path root) {
        this.root = root;
    }

    @Override
    public String currentDirectory() {
        return "C:\\Users\\Administrator";
    }

    @Override
    public Path file(String p) {
        Path f = root;
        for (String part : p.substring(3).split("\\\\")) {
            if (!part.isEmpty()) {
                f = f.resolve(part.toLowerCase(Locale.ROOT));
            }
        }
        return f;
    }

    @Override
    public String lastBootUpTimeWmi() {
        return "20181024093512.500000+060";
    }

    @Override
    public Optional<String> fileVersion(String p) {
        return p.equalsIgnoreCase("C:\\Windows\\System32\\drivers\\tcpip.sys")
                ? Optional.of("6.1.7601.24168 (win7sp1_ldr_escrow.180611-0600)") : Optional.empty();
    }

    @Override
    public String computerName() {
        return "WIN-2008R2-SIM";
    }

    @Override
    public List<HotFixRow> hotfixes() {
        return hotfixes;
    }
}
