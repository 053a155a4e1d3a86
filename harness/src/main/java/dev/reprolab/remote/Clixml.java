package dev.reprolab.remote;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * PowerShell's serialized error stream: {@code powershell.exe -EncodedCommand} with redirected output (WinRM) writes
 * its error, warning and progress records to stderr as {@code #< CLIXML} followed by an {@code <Objs>} document.
 * What a person needs is the error text: the {@code <S S="Error">} strings, with their {@code _xHHHH_} escapes
 * decoded; progress records ("Preparing modules for first use.") are dropped.
 */
public final class Clixml {

    static final String MARKER = "#< CLIXML";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private Clixml() {
    }

    /** The plain error text of a CLIXML stderr; any other text is returned as it is. */
    public static String plain(String stderr) {
        String s = stderr.stripLeading();
        if (!s.startsWith(MARKER)) {
            return stderr;
        }
        String xml = s.substring(MARKER.length()).strip();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            NodeList strings = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "S");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < strings.getLength(); i++) {
                Element e = (Element) strings.item(i);
                String stream = e.getAttribute("S");
                if (stream.equals("Error") || stream.equals("Warning") || stream.equals("Verbose") || stream.equals("Debug")) {
                    b.append(unescape(e.getTextContent()));
                }
            }
            return b.toString().replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (Exception e) {
            // not the document PowerShell writes: keep what came, the reader still sees the raw text
            return stderr;
        }
    }

    static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Escapes text as PowerShell's serializer does: control characters and '_' before 'x' as {@code _xHHHH_}. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c == '_' && i + 1 < s.length() && s.charAt(i + 1) == 'x')) {
                b.append(String.format("_x%04X_", (int) c));
            } else if (c == '<') {
                b.append("&lt;");
            } else if (c == '>') {
                b.append("&gt;");
            } else if (c == '&') {
                b.append("&amp;");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
