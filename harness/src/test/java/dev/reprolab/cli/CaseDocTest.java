package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.List;
import org.testng.annotations.Test;

/** The case summary's two forms come from one document: the same text, escaped for HTML, a chart only in HTML. */
public class CaseDocTest {

    private static CaseDoc doc() {
        return new CaseDoc("Case <1>")
                .para("**Answer:** `KB4338818` & more")
                .heading("Table")
                .add(new CaseDoc.Table(List.of("", "a|b"), List.of(List.of("tcpip.sys", "6.1.7601.24168"))))
                .add(new CaseDoc.Code("nt!KiSwapContext+0x7a\n<end>"))
                .add(new CaseDoc.Svg("<svg id=\"chart\"></svg>"));
    }

    @Test
    public void markdownKeepsTheTextAndEscapesTablePipes() {
        String md = doc().markdown();
        assertEquals(md, "# Case <1>\n\n**Answer:** `KB4338818` & more\n\n## Table\n\n|  | a\\|b |\n| --- | --- |\n"
                + "| tcpip.sys | 6.1.7601.24168 |\n\n```\nnt!KiSwapContext+0x7a\n<end>\n```\n\n");
    }

    @Test
    public void htmlEscapesEverythingButTheChartAndRendersCodeAndBold() {
        String html = doc().html();
        assertTrue(html.contains("<title>Case &lt;1&gt;</title>"), html);
        assertTrue(html.contains("<p><strong>Answer:</strong> <code>KB4338818</code> &amp; more</p>"), html);
        assertTrue(html.contains("<tr><td>tcpip.sys</td><td>6.1.7601.24168</td></tr>"), html);
        assertTrue(html.contains("<pre>nt!KiSwapContext+0x7a\n&lt;end&gt;</pre>"), html);
        assertTrue(html.contains("<svg id=\"chart\"></svg>"), html);
        assertFalse(html.contains("<end>"), html);
    }
}
