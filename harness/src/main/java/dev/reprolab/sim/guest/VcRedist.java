package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vc_redist.x64.exe /install /quiet /norestart}: the Visual C++ 2015-2022 x64 redistributable puts its runtime
 * DLLs into System32. Exit 0 installed, 1638 already installed (a same or newer version), as the real installer.
 */
final class VcRedist implements GuestProgram {

    @Override
    public List<String> names() {
        return List.of("vc_redist.x64.exe", "vc_redist.x64");
    }

    @Override
    public int run(ProgramCall c) {
        if (c.image().contains("\\") && !Files.isRegularFile(c.os().file(c.image()))) {
            c.err("The system cannot find the path specified.\r\n");
            return 3;
        }
        Path dll = c.os().file("C:\\Windows\\System32\\vcruntime140.dll");
        if (Files.exists(dll)) {
            return 1638;
        }
        try {
            for (String f : new String[] {"vcruntime140.dll", "vcruntime140_1.dll", "msvcp140.dll"}) {
                Files.writeString(c.os().file("C:\\Windows\\System32\\" + f),
                        "MZ simulated lab stand-in for Microsoft Visual C++ 2015-2022 runtime\r\n", StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
