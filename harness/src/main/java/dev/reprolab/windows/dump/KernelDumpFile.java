package dev.reprolab.windows.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and validates 64-bit kernel crash dumps (DUMP_HEADER64, 0x2000 bytes). Offsets: Signature "PAGE" 0x0,
 * ValidDump "DU64" 0x4, MajorVersion 0x8 (0xF free build, 0xC checked), MinorVersion 0xC (the OS build, 7601),
 * DirectoryTableBase 0x10, PfnDataBase 0x18, PsLoadedModuleList 0x20, PsActiveProcessHead 0x28,
 * MachineImageType 0x30 (0x8664), NumberProcessors 0x34, BugCheckCode 0x38, BugCheckParameter1-4 0x40-0x58,
 * KdDebuggerDataBlock 0x80, PhysicalMemoryBlock 0x88 (NumberOfRuns, NumberOfPages, runs of BasePage/PageCount),
 * ContextRecord 0x348, ExceptionRecord 0xF00, DumpType 0xF98, RequiredDumpSpace 0xFA0, SystemTime 0xFA8,
 * SystemUpTime 0x1030, ProductType 0x1040. The kernel fills the unused header bytes with "PAGE"; so does this
 * writer. Written dumps are complete memory dumps (DumpType 1) whose physical pages follow the header.
 */
public final class KernelDumpFile {

    public static final int HEADER_SIZE = 0x2000;
    public static final int PAGE_SIZE = 0x1000;
    public static final int OFF_MAJOR = 0x8;
    public static final int OFF_MINOR = 0xC;
    public static final int OFF_DIRECTORY_TABLE_BASE = 0x10;
    public static final int OFF_PFN_DATABASE = 0x18;
    public static final int OFF_PS_LOADED_MODULE_LIST = 0x20;
    public static final int OFF_PS_ACTIVE_PROCESS_HEAD = 0x28;
    public static final int OFF_MACHINE = 0x30;
    public static final int OFF_PROCESSORS = 0x34;
    public static final int OFF_BUGCHECK = 0x38;
    public static final int OFF_BUGCHECK_PARAMS = 0x40;
    public static final int OFF_KD_DEBUGGER_DATA_BLOCK = 0x80;
    public static final int OFF_PHYSICAL_MEMORY = 0x88;
    public static final int OFF_CONTEXT = 0x348;
    public static final int OFF_EXCEPTION = 0xF00;
    public static final int OFF_DUMP_TYPE = 0xF98;
    public static final int OFF_REQUIRED_DUMP_SPACE = 0xFA0;
    public static final int OFF_SYSTEM_TIME = 0xFA8;
    public static final int OFF_SYSTEM_UP_TIME = 0x1030;
    public static final int OFF_PRODUCT_TYPE = 0x1040;
    public static final int MACHINE_AMD64 = 0x8664;
    public static final int DUMP_TYPE_FULL = 1;
    public static final int DUMP_TYPE_SUMMARY = 2;

    /**
     * What to write. {@code systemTime} is a Windows FILETIME (100 ns since 1601), {@code pages} the number of
     * 4 KiB physical pages after the header (keep it small in tests).
     */
    public record Spec(int build, int processors, long bugCheckCode, long p1, long p2, long p3, long p4,
                       long systemTime, long pages) {

        /** NotMyFault's crash through myfault.sys: DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xD1) on 2008 R2 SP1. */
        public static Spec notMyFault(long systemTime, long pages) {
            return new Spec(7601, 2, 0xD1, 0xFFFFF88002A4C000L, 0x2, 0x0, 0xFFFFF88004E2C385L, systemTime, pages);
        }

        public List<Long> parameters() {
            return List.of(p1, p2, p3, p4);
        }
    }

    /** What a validation found; {@code valid} when {@code problems} is empty. */
    public record Check(boolean valid, long fileSize, String signature, String validDump, int majorVersion,
                        int build, int machineImageType, int processors, long bugCheckCode, List<Long> parameters,
                        int dumpType, long requiredDumpSpace, long physicalPages, List<String> problems) {
    }

    private KernelDumpFile() {
    }

    /** The 0x2000-byte header for a spec. */
    public static byte[] header(Spec spec) {
        ByteBuffer b = LittleEndian.allocate(HEADER_SIZE);
        byte[] page = {'P', 'A', 'G', 'E'};
        for (int i = 0; i < HEADER_SIZE; i += 4) {
            b.put(i, page);
        }
        b.put(4, new byte[]{'D', 'U', '6', '4'});
        b.putInt(OFF_MAJOR, 0xF).putInt(OFF_MINOR, spec.build());
        b.putLong(OFF_DIRECTORY_TABLE_BASE, 0x187000L);
        b.putLong(OFF_PFN_DATABASE, 0xFFFFFA8000000000L);
        b.putLong(OFF_PS_LOADED_MODULE_LIST, 0xFFFFF80002C8DE90L);
        b.putLong(OFF_PS_ACTIVE_PROCESS_HEAD, 0xFFFFF80002C6FB30L);
        b.putInt(OFF_MACHINE, MACHINE_AMD64).putInt(OFF_PROCESSORS, spec.processors());
        b.putInt(OFF_BUGCHECK, (int) spec.bugCheckCode()).putInt(OFF_BUGCHECK + 4, 0);
        b.putLong(OFF_BUGCHECK_PARAMS, spec.p1()).putLong(OFF_BUGCHECK_PARAMS + 8, spec.p2())
                .putLong(OFF_BUGCHECK_PARAMS + 16, spec.p3()).putLong(OFF_BUGCHECK_PARAMS + 24, spec.p4());
        b.put(0x60, new byte[32]);
        b.putLong(OFF_KD_DEBUGGER_DATA_BLOCK, 0xFFFFF80002C4E0A0L);
        // One physical memory run starting at page 1 (page 0 is never in a run on real machines).
        b.putInt(OFF_PHYSICAL_MEMORY, 1).putInt(OFF_PHYSICAL_MEMORY + 4, 0)
                .putLong(OFF_PHYSICAL_MEMORY + 8, spec.pages())
                .putLong(OFF_PHYSICAL_MEMORY + 16, 1).putLong(OFF_PHYSICAL_MEMORY + 24, spec.pages());
        b.putInt(OFF_DUMP_TYPE, DUMP_TYPE_FULL).putInt(OFF_DUMP_TYPE + 4, 0);
        b.putLong(OFF_REQUIRED_DUMP_SPACE, HEADER_SIZE + spec.pages() * PAGE_SIZE);
        b.putLong(OFF_SYSTEM_TIME, spec.systemTime());
        b.put(0xFB0, new byte[128]);
        b.putLong(OFF_SYSTEM_UP_TIME, 0);
        b.putInt(OFF_PRODUCT_TYPE, 3); // VER_NT_SERVER
        return b.array();
    }

    /** Writes header and pages; returns the bytes written. */
    public static long write(OutputStream out, Spec spec) {
        return write(out, spec, new byte[0]);
    }

    /**
     * Writes header and pages, the pages starting with {@code memory} (what the machine held; the simulator's model
     * of it) and zero after it; returns the bytes written.
     */
    public static long write(OutputStream out, Spec spec, byte[] memory) {
        if (memory.length > spec.pages() * PAGE_SIZE) {
            throw new IllegalArgumentException("memory of " + memory.length + " bytes does not fit " + spec.pages() + " pages");
        }
        try {
            out.write(header(spec));
            out.write(memory);
            byte[] zero = new byte[PAGE_SIZE];
            long left = spec.pages() * PAGE_SIZE - memory.length;
            while (left > 0) {
                int n = (int) Math.min(zero.length, left);
                out.write(zero, 0, n);
                left -= n;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HEADER_SIZE + spec.pages() * PAGE_SIZE;
    }

    /** Reads the header of a file and lists what is wrong with it. */
    public static Check validate(Path file) {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(HEADER_SIZE + 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        if (head.length < HEADER_SIZE) {
            problems.add("file has " + head.length + " bytes, shorter than a DUMP_HEADER64 (0x2000)");
            byte[] padded = java.util.Arrays.copyOf(head, HEADER_SIZE + 8);
            head = padded;
        }
        ByteBuffer b = LittleEndian.wrap(head);
        String sig = LittleEndian.ascii(b, 0, 4);
        String valid = LittleEndian.ascii(b, 4, 4);
        if (!sig.equals("PAGE")) {
            problems.add("signature is '" + printable(sig) + "', expected 'PAGE'");
        }
        if (!valid.equals("DU64")) {
            problems.add("ValidDump is '" + printable(valid) + "', expected 'DU64'"
                    + (valid.equals("DUMP") ? " (this is a 32-bit dump)" : ""));
        }
        int major = b.getInt(OFF_MAJOR);
        if (major != 0xF && major != 0xC) {
            problems.add("MajorVersion is 0x" + Integer.toHexString(major) + ", expected 0xf (free) or 0xc (checked)");
        }
        int build = b.getInt(OFF_MINOR);
        int machine = b.getInt(OFF_MACHINE);
        if (machine != MACHINE_AMD64) {
            problems.add("MachineImageType is 0x" + Integer.toHexString(machine) + ", expected 0x8664");
        }
        int processors = b.getInt(OFF_PROCESSORS);
        if (processors <= 0 || processors > 640) {
            problems.add("NumberProcessors is " + processors);
        }
        long bugCheck = b.getInt(OFF_BUGCHECK) & 0xFFFFFFFFL;
        List<Long> params = List.of(b.getLong(OFF_BUGCHECK_PARAMS), b.getLong(OFF_BUGCHECK_PARAMS + 8),
                b.getLong(OFF_BUGCHECK_PARAMS + 16), b.getLong(OFF_BUGCHECK_PARAMS + 24));
        int dumpType = b.getInt(OFF_DUMP_TYPE);
        long required = b.getLong(OFF_REQUIRED_DUMP_SPACE);
        long pages = b.getLong(OFF_PHYSICAL_MEMORY + 8);
        if (dumpType == DUMP_TYPE_FULL) {
            int runs = b.getInt(OFF_PHYSICAL_MEMORY);
            long sum = 0;
            for (int i = 0; i < runs && i < 43; i++) {
                sum += b.getLong(OFF_PHYSICAL_MEMORY + 24 + i * 16);
            }
            if (runs < 0 || runs > 43 || sum != pages) {
                problems.add("physical memory runs (" + runs + ") hold " + sum + " pages, header says " + pages);
            }
            if (required != HEADER_SIZE + pages * PAGE_SIZE) {
                problems.add("RequiredDumpSpace is " + required + ", expected 0x2000 + pages * 0x1000 = "
                        + (HEADER_SIZE + pages * PAGE_SIZE));
            }
        } else if (dumpType == DUMP_TYPE_SUMMARY) {
            if (head.length >= HEADER_SIZE + 8 && !LittleEndian.ascii(b, HEADER_SIZE, 8).equals("SDMPDUMP")) {
                problems.add("kernel summary dump without 'SDMPDUMP' at 0x2000");
            }
        } else {
            problems.add("DumpType is " + dumpType + ", expected 1 (full) or 2 (kernel summary)");
        }
        if (required > 0 && size < required) {
            problems.add("file has " + size + " bytes but the header requires " + required + ": truncated dump");
        }
        return new Check(problems.isEmpty(), size, sig, valid, major, build, machine, processors, bugCheck, params,
                dumpType, required, pages, List.copyOf(problems));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return b.toString();
    }
}
