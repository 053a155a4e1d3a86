package dev.reprolab.windows.cab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Cabinet files ([MS-CAB]) with uncompressed folders: what a .msu update package and the .cab inside it
 * are. Writes one folder of stored data blocks (checksum 0, which the format allows); reads any cabinet whose
 * folders are stored, and rejects damaged ones with the reason, as {@code expand} would refuse them.
 */
public final class Cabinet {

    static final int HEADER = 36;
    static final int BLOCK = 32768;

    private Cabinet() {
    }

    /** A cabinet holding the files in order. */
    public static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        files.values().forEach(data::writeBytes);
        byte[] all = data.toByteArray();
        int blocks = Math.max(1, (all.length + BLOCK - 1) / BLOCK);
        int fileTable = 0;
        for (String name : files.keySet()) {
            fileTable += 16 + name.getBytes(StandardCharsets.US_ASCII).length + 1;
        }
        int coffFiles = HEADER + 8;
        int coffData = coffFiles + fileTable;
        int size = coffData + blocks * 8 + all.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("MSCF".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(size).putInt(0).putInt(coffFiles).putInt(0);
        b.put((byte) 3).put((byte) 1).putShort((short) 1).putShort((short) files.size()).putShort((short) 0)
                .putShort((short) 0x1234).putShort((short) 0);
        b.putInt(coffData).putShort((short) blocks).putShort((short) 0);
        int offset = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            // date 2018-07-10, time 12:00:00 in MS-DOS format; attribute 0x20 (archive)
            b.putInt(f.getValue().length).putInt(offset).putShort((short) 0).putShort((short) ((38 << 9) | (7 << 5) | 10))
                    .putShort((short) (12 << 11)).putShort((short) 0x20);
            b.put(f.getKey().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            offset += f.getValue().length;
        }
        for (int i = 0; i < blocks; i++) {
            int len = Math.min(BLOCK, all.length - i * BLOCK);
            b.putInt(0).putShort((short) len).putShort((short) len).put(all, i * BLOCK, len);
        }
        return b.array();
    }

    /** The files of a cabinet, in order; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Map<String, byte[]> read(byte[] cab) {
        ByteBuffer b = ByteBuffer.wrap(cab).order(ByteOrder.LITTLE_ENDIAN);
        if (cab.length < HEADER || !new String(cab, 0, 4, StandardCharsets.US_ASCII).equals("MSCF")) {
            throw new IllegalArgumentException("not a cabinet (no MSCF signature)");
        }
        long declared = Integer.toUnsignedLong(b.getInt(8));
        if (declared != cab.length) {
            throw new IllegalArgumentException("cabinet is " + cab.length + " bytes but declares " + declared);
        }
        int coffFiles = b.getInt(16);
        int folders = Short.toUnsignedInt(b.getShort(26));
        int files = Short.toUnsignedInt(b.getShort(28));
        int flags = Short.toUnsignedInt(b.getShort(30));
        if (flags != 0) {
            throw new IllegalArgumentException("multi-cabinet sets and reserved fields are not supported");
        }
        List<ByteArrayOutputStream> folderData = new ArrayList<>();
        for (int f = 0; f < folders; f++) {
            int pos = HEADER + f * 8;
            int coffStart = b.getInt(pos);
            int blocks = Short.toUnsignedInt(b.getShort(pos + 4));
            int compress = Short.toUnsignedInt(b.getShort(pos + 6));
            if (compress != 0) {
                throw new IllegalArgumentException("folder " + f + " is compressed (type " + compress + "); only stored folders are read");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int p = coffStart;
            for (int i = 0; i < blocks; i++) {
                if (p + 8 > cab.length) {
                    throw new IllegalArgumentException("data block " + i + " of folder " + f + " is cut off");
                }
                int cb = Short.toUnsignedInt(b.getShort(p + 4));
                int unc = Short.toUnsignedInt(b.getShort(p + 6));
                if (cb != unc || p + 8 + cb > cab.length) {
                    throw new IllegalArgumentException("data block " + i + " of folder " + f + " is damaged");
                }
                out.write(cab, p + 8, cb);
                p += 8 + cb;
            }
            folderData.add(out);
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        int p = coffFiles;
        for (int i = 0; i < files; i++) {
            int size = b.getInt(p);
            int off = b.getInt(p + 4);
            int folder = Short.toUnsignedInt(b.getShort(p + 8));
            int end = p + 16;
            while (end < cab.length && cab[end] != 0) {
                end++;
            }
            String name = new String(cab, p + 16, end - p - 16, StandardCharsets.US_ASCII);
            p = end + 1;
            if (folder >= folderData.size()) {
                throw new IllegalArgumentException("file " + name + " points at a missing folder");
            }
            byte[] fd = folderData.get(folder).toByteArray();
            if (off < 0 || size < 0 || (long) off + size > fd.length) {
                throw new IllegalArgumentException("file " + name + " lies outside its folder's data");
            }
            result.put(name, java.util.Arrays.copyOfRange(fd, off, off + size));
        }
        return result;
    }
}
