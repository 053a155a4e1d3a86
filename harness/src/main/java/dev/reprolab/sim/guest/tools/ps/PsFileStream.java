package dev.reprolab.sim.guest.tools.ps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code System.IO.FileStream} over a file of the guest's disk, with .NET's FileMode/FileAccess semantics and
 * .NET 2.0's exception messages (which PowerShell 2.0 quotes in its error records).
 */
final class PsFileStream implements AutoCloseable {

    private final String windowsPath;
    private final boolean canRead;
    private final boolean canWrite;
    private final DiskGuard guard;
    private FileChannel channel;

    private PsFileStream(String windowsPath, FileChannel channel, boolean canRead, boolean canWrite, DiskGuard guard) {
        this.guard = guard;
        this.windowsPath = windowsPath;
        this.channel = channel;
        this.canRead = canRead;
        this.canWrite = canWrite;
    }

    /**
     * Opens like {@code new FileStream(path, mode, access)}.
     *
     * @param mode a FileMode name (CreateNew, Create, Open, OpenOrCreate, Truncate, Append), any case
     * @param access a FileAccess name (Read, Write, ReadWrite) or null for .NET's default for the mode
     * @throws DotNetException with .NET's message when the open fails
     */
    static PsFileStream open(String windowsPath, Path file, String mode, String access) {
        return open(windowsPath, file, mode, access, bytes -> { });
    }

    /** A check made before each write: the guest's volume refusing bytes when it is full. */
    interface DiskGuard {
        void reserve(long bytes) throws IOException;
    }

    /** As {@link #open(String, Path, String, String)}, writing through the guest's {@code guard}. */
    static PsFileStream open(String windowsPath, Path file, String mode, String access, DiskGuard guard) {
        String m = mode.toLowerCase(Locale.ROOT);
        String a = access == null ? (m.equals("append") ? "write" : "readwrite") : access.toLowerCase(Locale.ROOT);
        boolean read = a.contains("read");
        boolean write = a.contains("write");
        if (m.equals("append") && read) {
            throw new DotNetException("Append access can be requested only in write-only mode.");
        }
        if (!write && !m.equals("open") && !m.equals("openorcreate")) {
            throw new DotNetException("Combining FileMode: " + canonicalMode(m) + " with FileAccess: Read is invalid.");
        }
        if (Files.isDirectory(file)) {
            throw new DotNetException("Access to the path '" + windowsPath + "' is denied.");
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new DotNetException("Could not find a part of the path '" + windowsPath + "'.");
        }
        Set<StandardOpenOption> options = EnumSet.noneOf(StandardOpenOption.class);
        if (read) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        switch (m) {
            case "createnew" -> options.add(StandardOpenOption.CREATE_NEW);
            case "create" -> {
                options.add(StandardOpenOption.CREATE);
                options.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            case "open" -> { }
            case "openorcreate", "append" -> options.add(StandardOpenOption.CREATE);
            case "truncate" -> options.add(StandardOpenOption.TRUNCATE_EXISTING);
            default -> throw new DotNetException("Enum value was out of legal range.");
        }
        try {
            FileChannel ch = FileChannel.open(file, options);
            if (m.equals("append")) {
                ch.position(ch.size());
            }
            return new PsFileStream(windowsPath, ch, read, write, guard);
        } catch (NoSuchFileException e) {
            throw new DotNetException("Could not find file '" + windowsPath + "'.");
        } catch (FileAlreadyExistsException e) {
            throw new DotNetException("The file '" + windowsPath + "' already exists.");
        } catch (AccessDeniedException e) {
            throw new DotNetException("Access to the path '" + windowsPath + "' is denied.");
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    private static String canonicalMode(String m) {
        return switch (m) {
            case "createnew" -> "CreateNew";
            case "openorcreate" -> "OpenOrCreate";
            default -> Character.toUpperCase(m.charAt(0)) + m.substring(1);
        };
    }

    long length() {
        try {
            return open().size();
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    long position() {
        try {
            return open().position();
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    void write(byte[] buffer, int offset, int count) {
        checkRange(buffer, offset, count);
        if (!canWrite) {
            throw new DotNetException("Stream does not support writing.");
        }
        try {
            guard.reserve(count);
            ByteBuffer bb = ByteBuffer.wrap(buffer, offset, count);
            while (bb.hasRemaining()) {
                open().write(bb);
            }
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    int read(byte[] buffer, int offset, int count) {
        checkRange(buffer, offset, count);
        if (!canRead) {
            throw new DotNetException("Stream does not support reading.");
        }
        try {
            guard.reserve(count);
            ByteBuffer bb = ByteBuffer.wrap(buffer, offset, count);
            int total = 0;
            while (bb.hasRemaining()) {
                int n = open().read(bb);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    long seek(long offset, String origin) {
        try {
            FileChannel ch = open();
            long base = switch (origin.toLowerCase(Locale.ROOT)) {
                case "begin" -> 0;
                case "current" -> ch.position();
                case "end" -> ch.size();
                default -> throw new DotNetException("Invalid seek origin.");
            };
            long target = base + offset;
            if (target < 0) {
                throw new DotNetException("An attempt was made to move the file pointer before the beginning of the"
                        + " file.");
            }
            ch.position(target);
            return target;
        } catch (IOException e) {
            throw DotNetException.of(e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                channel = null;
            }
        }
    }

    String windowsPath() {
        return windowsPath;
    }

    private FileChannel open() {
        if (channel == null) {
            throw new DotNetException("Cannot access a closed file.");
        }
        return channel;
    }

    private static void checkRange(byte[] buffer, int offset, int count) {
        if (buffer == null) {
            throw new DotNetException("Buffer cannot be null.\r\nParameter name: array");
        }
        if (offset < 0 || count < 0) {
            throw new DotNetException("Non-negative number required.\r\nParameter name: "
                    + (offset < 0 ? "offset" : "count"));
        }
        if ((long) offset + count > buffer.length) {
            throw new DotNetException("Offset and length were out of bounds for the array or count is greater than"
                    + " the number of elements from index to the end of the source collection.");
        }
    }

    /** A .NET exception with the framework's message text. */
    static final class DotNetException extends RuntimeException {

        DotNetException(String message) {
            super(message, null, false, false);
        }

        /** Maps a host I/O failure to the Windows text; a full disk is the case fault injection uses. */
        static DotNetException of(IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("No space left") || msg.contains("disk full") || msg.contains("not enough space")) {
                return new DotNetException("There is not enough space on the disk.\r\n");
            }
            return new DotNetException("The device is not ready.\r\n");
        }
    }
}
