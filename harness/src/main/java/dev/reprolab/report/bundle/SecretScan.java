package dev.reprolab.report.bundle;

import dev.reprolab.remote.SecretMasker;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Watches a binary stream for registered secrets, in ASCII and UTF-16LE (how Windows keeps strings in memory), with
 * a sliding tail so a secret split across reads is still seen. Memory stays bounded by the secrets' length.
 */
final class SecretScan extends FilterInputStream {

    private final byte[][] needles;
    private byte[] tail = new byte[0];
    private final int keep;
    private boolean found;

    SecretScan(InputStream in) {
        super(in);
        java.util.List<byte[]> n = new java.util.ArrayList<>();
        for (String s : SecretMasker.secrets()) {
            if (s.length() >= 4) {
                n.add(s.getBytes(StandardCharsets.UTF_8));
                n.add(s.getBytes(StandardCharsets.UTF_16LE));
            }
        }
        needles = n.toArray(new byte[0][]);
        int max = 0;
        for (byte[] b : needles) {
            max = Math.max(max, b.length);
        }
        keep = Math.max(0, max - 1);
    }

    boolean found() {
        return found;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0 && needles.length > 0 && !found) {
            byte[] window = new byte[tail.length + n];
            System.arraycopy(tail, 0, window, 0, tail.length);
            System.arraycopy(b, off, window, tail.length, n);
            for (byte[] needle : needles) {
                if (indexOf(window, needle) >= 0) {
                    found = true;
                }
            }
            int k = Math.min(keep, window.length);
            tail = java.util.Arrays.copyOfRange(window, window.length - k, window.length);
        }
        return n;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
