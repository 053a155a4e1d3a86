package dev.reprolab.remote;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.ProgramCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.testng.annotations.Test;

/**
 * A WinRM download whose bytes are not the guest's file — a garbled stream, or a file that hashes differently on
 * the guest — is a lab failure, and leaves nothing in the trial's folder that could pass for evidence.
 */
public class CorruptDownloadTest {

    /** A powershell.exe that answers the download's two scripts wrongly, the way {@code how} says. */
    private static GuestProgram powershell(String stream, String hash) {
        return new GuestProgram() {
            @Override
            public List<String> names() {
                return List.of("powershell", "powershell.exe");
            }

            @Override
            public int run(ProgramCall c) {
                List<String> a = c.args();
                String script = new String(Base64.getDecoder().decode(a.get(a.indexOf("-EncodedCommand") + 1)), StandardCharsets.UTF_16LE);
                c.out((script.contains("ToBase64String") ? stream : script.contains("ComputeHash") ? hash : "") + "\r\n");
                return 0;
            }
        };
    }

    private static void download(GuestProgram ps, String expect) throws Exception {
        Path dir = Files.createTempDirectory("corrupt");
        Path local = dir.resolve("MEMORY.DMP");
        try (SimEndpoint lab = SimEndpoint.of(b -> b.programs(List.of(ps))); WinRmGuest g = new WinRmGuest(lab.address())) {
            LabException e = expectThrows(LabException.class,
                    () -> g.download("C:\\Windows\\MEMORY.DMP", local, FileChannel.WINRM, Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains(expect), e.getMessage());
        }
        assertFalse(Files.exists(local), "no file that is not the guest's");
        assertFalse(Files.exists(dir.resolve("MEMORY.DMP.part")), "no partial file");
    }

    @Test
    public void aLineThatIsNotBase64IsALabFailure() throws Exception {
        download(powershell("PAGEDU64 this is not base64 *", "00"), "not base64");
    }

    @Test
    public void aFileThatHashesDifferentlyOnTheGuestIsDeleted() throws Exception {
        String hello = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        download(powershell(hello, "00-11-22-33"), "differs after transfer");
    }
}
