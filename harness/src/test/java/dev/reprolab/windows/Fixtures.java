package dev.reprolab.windows;

import dev.reprolab.windows.text.ConsoleText;
import dev.reprolab.windows.text.Lines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test access to the real captures carried in src/test/resources/fixtures/windows (see SOURCES.md there). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture's text exactly as stored. */
    public static String raw(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/windows/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return ConsoleText.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture in LF, CRLF and CR CR LF variants (the three line ends the parsers must read). */
    public static Object[][] variants(String path) {
        String text = raw(path);
        String lf = text.replace("\r\n", "\n");
        return new Object[][]{{path + " LF", lf}, {path + " CRLF", Lines.toCrlf(lf)},
                {path + " CRCRLF", Lines.toCrCrLf(lf)}};
    }
}
