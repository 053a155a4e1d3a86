package dev.reprolab.windows.debugger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The machine state a simulated dump holds in place of real memory: what a debugger finds in a real dump's pages
 * (processes, threads with their wait reasons and stacks, loaded modules with their file versions, tcpip's listener
 * objects with their reference counts, the bugcheck). The simulator writes it into the dump's memory pages when the
 * dump is taken; its debuggers read it back from the file — so a dump shows the moment it was taken, never later.
 *
 * <p>In the file: the 8 bytes {@code RPLBSTAT}, a little-endian length, then that many bytes of UTF-8 JSON, at the
 * start of the dump's memory (after a kernel dump's 0x2000-byte header, at a minidump's Memory64 base).
 *
 * @param kind {@code kernel} (MEMORY.DMP, LiveKd's live dump) or {@code user} (ProcDump)
 * @param ntVersion ntoskrnl's file version ({@code 6.1.7601.24168}); the build lab is derived from it
 * @param systemTime Unix milliseconds when the dump was taken; {@code bootTime} when the OS booted
 * @param dumpedPid the process of a user dump (null for a kernel dump)
 */
public record DumpState(String kind, String computerName, int build, String ntVersion, int processors,
                        long systemTime, long bootTime, Bugcheck bugcheck, Integer dumpedPid,
                        List<Proc> processes, List<Module> modules, List<Listener> listeners) {

    static final byte[] MAGIC = "RPLBSTAT".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** How far into a file the state is looked for (it sits right after the headers). */
    static final int SEARCH = 1 << 20;

    /** The bugcheck of a crash dump: code, parameters, and the process that was current (NotMyFault's). */
    public record Bugcheck(long code, List<Long> parameters, String process) {
    }

    /** A process with its threads. */
    public record Proc(int pid, int parentPid, String image, int sessionId, List<Thr> threads) {
    }

    /**
     * A thread: its state ({@code WAIT}, {@code RUNNING}), wait reason and mode, the type of the object it waits on,
     * and its kernel and user frames, innermost first, as {@code module!function+0xoffset}.
     */
    public record Thr(int tid, String state, String waitReason, String waitMode, String waitObject,
                      List<String> kernelFrames, List<String> userFrames) {
    }

    /** A loaded module: {@code tcpip}, {@code tcpip.sys}, its path, file version and description. */
    public record Module(String name, String image, String path, String fileVersion, String description) {
    }

    /**
     * One tcpip listener object: its endpoint, owner, reference count, and how the count splits into the owner's
     * reference (1 while the owning socket exists or is being closed) and references nobody will give back.
     */
    public record Listener(String address, int port, int pid, int references, int ownerReferences, int leaked) {
    }

    /** The bytes to put at the start of the dump's memory. */
    public byte[] encode() {
        try {
            byte[] json = JSON.writeValueAsBytes(this);
            ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + json.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putInt(json.length).put(json);
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state held in a dump file, if it holds one (a real dump never does). */
    public static Optional<DumpState> read(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SEARCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i + MAGIC.length + 4 <= head.length; i += 8) {
            if (head[i] == 'R' && Arrays.equals(head, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                int len = ByteBuffer.wrap(head, i + MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                int start = i + MAGIC.length + 4;
                if (len < 0 || start + len > head.length) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(JSON.readValue(head, start, len, DumpState.class));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The process with this pid, or null. */
    public Proc process(int pid) {
        return processes.stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
    }

    /** The module with this name (case-insensitive), or null. */
    public Module module(String name) {
        return modules.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
