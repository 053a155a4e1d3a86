package dev.reprolab.windows.dump;

import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class DumpFileTest {

    @Test
    public void kernelDumpHeaderHasDocumentedOffsets() throws Exception {
        KernelDumpFile.Spec spec = KernelDumpFile.Spec.notMyFault(131_848_000_000_000_000L, 4);
        byte[] h = KernelDumpFile.header(spec);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(new String(h, 0, 8, "ISO-8859-1"), "PAGEDU64");
        assertEquals(b.getInt(0x8), 0xF);
        assertEquals(b.getInt(0xC), 7601);
        assertEquals(b.getInt(0x30), 0x8664);
        assertEquals(b.getInt(0x38), 0xD1);
        assertEquals(b.getLong(0x40), spec.p1());
        assertEquals(b.getLong(0x58), spec.p4());
        assertEquals(b.getInt(0xF98), 1);
        assertEquals(b.getLong(0xFA0), 0x2000L + 4 * 0x1000L);
        assertEquals(new String(h, 0x1FFC, 4, "ISO-8859-1"), "PAGE", "unused header bytes are 'PAGE'");
        Path f = Files.createTempFile("MEMORY", ".DMP");
        try (OutputStream out = Files.newOutputStream(f)) {
            assertEquals(KernelDumpFile.write(out, spec), Files.size(f) == 0 ? 0x6000L : 0x6000L);
        }
        KernelDumpFile.Check c = KernelDumpFile.validate(f);
        assertTrue(c.valid(), c.problems().toString());
        assertEquals(c.bugCheckCode(), 0xD1);
        assertEquals(c.parameters(), spec.parameters());
        assertEquals(c.build(), 7601);
        // Truncate: the validator must notice.
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, 0x3000));
        KernelDumpFile.Check t = KernelDumpFile.validate(f);
        assertFalse(t.valid());
        assertTrue(t.problems().get(0).contains("truncated"), t.problems().toString());
        Files.write(f, "MDMP1234".getBytes());
        assertFalse(KernelDumpFile.validate(f).valid());
        Files.delete(f);
    }

    @Test
    public void minidumpIsWellFormed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = MinidumpFile.write(out, MinidumpFile.Spec.of(1844, 1_540_373_712L, 100_000));
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length, n);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(new String(bytes, 0, 4, "ISO-8859-1"), "MDMP");
        assertEquals(b.getInt(4) & 0xFFFF, 0xA793);
        assertEquals(b.getInt(8), 3);
        Path f = Files.createTempFile("httpd-1844", ".dmp");
        Files.write(f, bytes);
        MinidumpFile.Check c = MinidumpFile.validate(f);
        assertTrue(c.valid(), c.problems().toString());
        assertEquals(c.pid(), Integer.valueOf(1844));
        assertEquals(c.build(), Integer.valueOf(7601));
        assertEquals(c.processorArchitecture(), Integer.valueOf(9));
        assertEquals(c.streamTypes(), List.of(MinidumpFile.SYSTEM_INFO, MinidumpFile.MISC_INFO, MinidumpFile.MEMORY64_LIST));
        assertEquals(c.memoryBytes(), 100_000);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        MinidumpFile.Check t = MinidumpFile.validate(f);
        assertFalse(t.valid());
        Files.write(f, new byte[10]);
        assertFalse(MinidumpFile.validate(f).valid());
        Files.delete(f);
    }
}
