package dev.reprolab.windows.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and validates user-mode minidump files. A written file has a MINIDUMP_HEADER ("MDMP", version low word
 * 0xA793), a stream directory and three streams: SystemInfo (7: AMD64, 6.1 build 7601 "Service Pack 1"),
 * MiscInfo (15: the process id) and Memory64List (9: one range whose bytes fill the rest of the file, so a dump
 * of any requested size stays well-formed).
 */
public final class MinidumpFile {

    public static final int SIGNATURE = 0x504D444D; // "MDMP"
    public static final int VERSION = 0xA793;
    public static final int THREAD_LIST = 3;
    public static final int MODULE_LIST = 4;
    public static final int MEMORY_LIST = 5;
    public static final int EXCEPTION = 6;
    public static final int SYSTEM_INFO = 7;
    public static final int MEMORY64_LIST = 9;
    public static final int HANDLE_DATA = 12;
    public static final int MISC_INFO = 15;
    /** MiniDumpWithFullMemory | WithHandleData | WithUnloadedModules | WithFullMemoryInfo | WithThreadInfo. */
    public static final long FULL_MEMORY_FLAGS = 0x2 | 0x4 | 0x20 | 0x800 | 0x1000;

    static final int HEADER_SIZE = 32;
    static final int DIRECTORY_ENTRY_SIZE = 12;
    static final int SYSTEM_INFO_SIZE = 56;
    static final int MISC_INFO_SIZE = 24;

    /** What to write: target pid, OS build, processor count, header time stamp (Unix seconds), memory bytes. */
    public record Spec(int pid, int build, int processors, long timeDateStamp, long memoryBytes) {
        public static Spec of(int pid, long timeDateStamp, long memoryBytes) {
            return new Spec(pid, 7601, 2, timeDateStamp, memoryBytes);
        }
    }

    /** What a validation found; {@code valid} when {@code problems} is empty. */
    public record Check(boolean valid, long fileSize, int versionLowWord, int numberOfStreams, List<Integer> streamTypes,
                        long timeDateStamp, long flags, Integer pid, Integer build, Integer processorArchitecture,
                        long memoryBytes, List<String> problems) {
    }

    private MinidumpFile() {
    }

    /** Writes a minidump; returns the number of bytes written. */
    public static long write(OutputStream out, Spec spec) {
        return write(out, spec, new byte[0]);
    }

    /** Writes a minidump whose memory range starts with {@code memory} (zero after it); returns the bytes written. */
    public static long write(OutputStream out, Spec spec, byte[] memory) {
        if (memory.length > spec.memoryBytes()) {
            throw new IllegalArgumentException("memory of " + memory.length + " bytes does not fit " + spec.memoryBytes());
        }
        byte[] csd = "Service Pack 1".getBytes(StandardCharsets.UTF_16LE);
        int dirRva = HEADER_SIZE;
        int sysRva = dirRva + 3 * DIRECTORY_ENTRY_SIZE;
        int miscRva = sysRva + SYSTEM_INFO_SIZE;
        int csdRva = miscRva + MISC_INFO_SIZE;
        int csdSize = 4 + csd.length + 2;
        int memListRva = align8(csdRva + csdSize);
        int memListSize = 16 + 16;
        int baseRva = memListRva + memListSize;
        ByteBuffer b = LittleEndian.allocate(baseRva);
        b.putInt(0, SIGNATURE).putInt(4, VERSION).putInt(8, 3).putInt(12, dirRva).putInt(16, 0)
                .putInt(20, (int) spec.timeDateStamp()).putLong(24, FULL_MEMORY_FLAGS);
        directory(b, dirRva, SYSTEM_INFO, SYSTEM_INFO_SIZE, sysRva);
        directory(b, dirRva + 12, MISC_INFO, MISC_INFO_SIZE, miscRva);
        directory(b, dirRva + 24, MEMORY64_LIST, memListSize, memListRva);
        // MINIDUMP_SYSTEM_INFO: PROCESSOR_ARCHITECTURE_AMD64 = 9, level 6, product type 3 (server), 6.1, platform 2.
        b.putShort(sysRva, (short) 9).putShort(sysRva + 2, (short) 6).putShort(sysRva + 4, (short) 0x3e04);
        b.put(sysRva + 6, (byte) spec.processors()).put(sysRva + 7, (byte) 3);
        b.putInt(sysRva + 8, 6).putInt(sysRva + 12, 1).putInt(sysRva + 16, spec.build()).putInt(sysRva + 20, 2);
        b.putInt(sysRva + 24, csdRva).putShort(sysRva + 28, (short) 0x110);
        // MINIDUMP_MISC_INFO: SizeOfInfo, Flags1 = MINIDUMP_MISC1_PROCESS_ID, ProcessId.
        b.putInt(miscRva, MISC_INFO_SIZE).putInt(miscRva + 4, 1).putInt(miscRva + 8, spec.pid());
        // MINIDUMP_STRING: byte length without the terminator, UTF-16LE, a 0 terminator.
        b.putInt(csdRva, csd.length);
        b.position(csdRva + 4);
        b.put(csd);
        // MINIDUMP_MEMORY64_LIST: one descriptor; its bytes start at BaseRva.
        b.putLong(memListRva, 1).putLong(memListRva + 8, baseRva);
        b.putLong(memListRva + 16, 0x10000L).putLong(memListRva + 24, spec.memoryBytes());
        try {
            out.write(b.array());
            out.write(memory);
            byte[] zeros = new byte[64 * 1024];
            long left = spec.memoryBytes() - memory.length;
            while (left > 0) {
                int n = (int) Math.min(zeros.length, left);
                out.write(zeros, 0, n);
                left -= n;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return baseRva + spec.memoryBytes();
    }

    private static int align8(int v) {
        return (v + 7) & ~7;
    }

    private static void directory(ByteBuffer b, int at, int type, int size, int rva) {
        b.putInt(at, type).putInt(at + 4, size).putInt(at + 8, rva);
    }

    /** Reads the header, directory and known streams of a file and lists what is wrong with them. */
    public static Check validate(Path file) {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes((int) Math.min(size, 1 << 20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        if (head.length < HEADER_SIZE) {
            problems.add("file has " + head.length + " bytes, shorter than a MINIDUMP_HEADER (32)");
            return new Check(false, size, 0, 0, types, 0, 0, null, null, null, 0, problems);
        }
        ByteBuffer b = LittleEndian.wrap(head);
        if (b.getInt(0) != SIGNATURE) {
            problems.add("signature is '" + LittleEndian.ascii(b, 0, 4) + "', expected 'MDMP'");
        }
        int version = b.getInt(4) & 0xFFFF;
        if (version != VERSION) {
            problems.add("version low word is 0x" + Integer.toHexString(version) + ", expected 0xa793");
        }
        int streams = b.getInt(8);
        long dirRva = b.getInt(12) & 0xFFFFFFFFL;
        long stamp = b.getInt(20) & 0xFFFFFFFFL;
        long flags = b.getLong(24);
        Integer pid = null;
        Integer build = null;
        Integer arch = null;
        long memory = 0;
        if (streams < 0 || streams > 4096 || dirRva + (long) streams * DIRECTORY_ENTRY_SIZE > head.length) {
            problems.add("stream directory (" + streams + " entries at 0x" + Long.toHexString(dirRva)
                    + ") lies outside the file");
            streams = Math.max(streams, 0);
            return new Check(false, size, version, streams, types, stamp, flags, null, null, null, 0, problems);
        }
        for (int i = 0; i < streams; i++) {
            int at = (int) dirRva + i * DIRECTORY_ENTRY_SIZE;
            int type = b.getInt(at);
            long dataSize = b.getInt(at + 4) & 0xFFFFFFFFL;
            long rva = b.getInt(at + 8) & 0xFFFFFFFFL;
            types.add(type);
            if (rva + dataSize > size) {
                problems.add("stream " + type + " (" + dataSize + " bytes at 0x" + Long.toHexString(rva)
                        + ") ends beyond the file (" + size + " bytes)");
                continue;
            }
            if (rva + dataSize > head.length) {
                continue;
            }
            int r = (int) rva;
            if (type == SYSTEM_INFO && dataSize >= SYSTEM_INFO_SIZE) {
                arch = b.getShort(r) & 0xFFFF;
                build = b.getInt(r + 16);
            } else if (type == MISC_INFO && dataSize >= MISC_INFO_SIZE && (b.getInt(r + 4) & 1) != 0) {
                pid = b.getInt(r + 8);
            } else if (type == MEMORY64_LIST && dataSize >= 16) {
                long ranges = b.getLong(r);
                long base = b.getLong(r + 8);
                if (ranges < 0 || 16 + ranges * 16 > dataSize) {
                    problems.add("Memory64List claims " + ranges + " ranges in " + dataSize + " bytes");
                    continue;
                }
                for (int k = 0; k < ranges; k++) {
                    memory += b.getLong(r + 16 + k * 16 + 8);
                }
                if (base + memory > size) {
                    problems.add("memory ranges (" + memory + " bytes from 0x" + Long.toHexString(base)
                            + ") end beyond the file (" + size + " bytes): truncated dump");
                }
            }
        }
        if (!types.contains(SYSTEM_INFO)) {
            problems.add("no SystemInfo stream (7)");
        }
        return new Check(problems.isEmpty(), size, version, streams, List.copyOf(types), stamp, flags, pid, build,
                arch, memory, List.copyOf(problems));
    }
}
