package dev.reprolab.windows.dump;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian buffers (every Windows on-disk structure here is little-endian). */
final class LittleEndian {

    private LittleEndian() {
    }

    static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String ascii(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = b.get(offset + i);
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
