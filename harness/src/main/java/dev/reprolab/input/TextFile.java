package dev.reprolab.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file people hand us (scenario, catalog, lab config) as UTF-8 text, with one clear line for what it is
 * instead: a directory, a missing file, UTF-16 (what Notepad and PowerShell's {@code >} write on Windows), binary
 * data, or bytes that are not UTF-8 (with the line and column of the first one). Java's own message for the last
 * three is "Input length = 1".
 */
public final class TextFile {

    private TextFile() {
    }

    /** The file's text; {@code what} names it in errors ("lab config", "scenario"...). A UTF-8 BOM is dropped. */
    public static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, expected a " + what + " file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": " + what + " not found");
        }
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the " + what + ": " + e.getMessage());
        }
        if (b.length >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF))
                || looksUtf16(b)) {
            throw new BadInputException(file + ": the " + what + " is UTF-16 text; save it as UTF-8 "
                    + "(PowerShell: Get-Content IN | Set-Content -Encoding UTF8 OUT)");
        }
        int start = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        for (int i = start; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                throw new BadInputException(file + ": the " + what + " is binary data, not text");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(b, start, b.length - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(b, start);
            int line = 1;
            int lineStart = start;
            for (int i = start; i < bad; i++) {
                if (b[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int col = new String(b, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw BadInputException.at(file, line, col, "the " + what + " is not UTF-8 text (byte 0x"
                    + String.format("%02X", b[bad] & 0xFF) + "); save it as UTF-8");
        }
    }

    /** UTF-16 without a BOM: ASCII text with a zero byte beside every character. */
    private static boolean looksUtf16(byte[] b) {
        int n = Math.min(b.length, 256) & ~1;
        if (n < 4) {
            return false;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            evenZeros += b[i] == 0 ? 1 : 0;
            oddZeros += b[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        return evenZeros * 10 >= pairs * 9 || oddZeros * 10 >= pairs * 9;
    }

    /** Where the first byte that does not start (or continue) a UTF-8 sequence is. */
    private static int firstBadByte(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
            if (n < 0) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.max(from, b.length - 1);
    }
}
