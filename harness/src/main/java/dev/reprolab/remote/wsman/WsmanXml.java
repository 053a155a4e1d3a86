package dev.reprolab.remote.wsman;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** WS-Man envelopes as a Windows WinRM service expects them (SOAP 1.2, MS-WSMV shell extension), and their answers. */
final class WsmanXml {

    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String NS_TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String NS_WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String NS_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String NS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String RESOURCE_CMD = NS_SHELL + "/cmd";
    static final String ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    private WsmanXml() {
    }

    /** A request envelope; {@code shellId} and {@code options} may be null. */
    static String request(String to, String action, String shellId, List<String[]> options, String operationTimeout,
                          int maxEnvelopeSize, String body) {
        StringBuilder b = new StringBuilder(512 + (body == null ? 0 : body.length()));
        b.append("<s:Envelope xmlns:s=\"").append(NS_SOAP).append("\" xmlns:a=\"").append(NS_ADDRESSING)
                .append("\" xmlns:w=\"").append(NS_WSMAN).append("\" xmlns:rsp=\"").append(NS_SHELL).append("\"><s:Header>")
                .append("<a:To>").append(esc(to)).append("</a:To>")
                .append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">").append(ANONYMOUS).append("</a:Address></a:ReplyTo>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(maxEnvelopeSize).append("</w:MaxEnvelopeSize>")
                .append("<a:MessageID>uuid:").append(UUID.randomUUID().toString().toUpperCase()).append("</a:MessageID>")
                .append("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>")
                .append("<w:OperationTimeout>").append(operationTimeout).append("</w:OperationTimeout>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>")
                .append("<w:ResourceURI s:mustUnderstand=\"true\">").append(RESOURCE_CMD).append("</w:ResourceURI>");
        if (shellId != null) {
            b.append("<w:SelectorSet><w:Selector Name=\"ShellId\">").append(esc(shellId)).append("</w:Selector></w:SelectorSet>");
        }
        if (options != null && !options.isEmpty()) {
            b.append("<w:OptionSet>");
            for (String[] o : options) {
                b.append("<w:Option Name=\"").append(o[0]).append("\">").append(esc(o[1])).append("</w:Option>");
            }
            b.append("</w:OptionSet>");
        }
        b.append("</s:Header><s:Body>").append(body == null ? "" : body).append("</s:Body></s:Envelope>");
        return b.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(xml));
    }

    /** Every element named {@code ns:local} anywhere under {@code root}, in document order. */
    static List<Element> all(Node root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = root instanceof Document d ? d.getElementsByTagNameNS(ns, local) : ((Element) root).getElementsByTagNameNS(ns, local);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static Optional<String> first(Node root, String ns, String local) {
        List<Element> e = all(root, ns, local);
        return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0).getTextContent().trim());
    }

    /** A fault's parts: the {@code w:} subcode (prefix dropped), the WSManFault code (0 if absent) and its message. */
    record Fault(String subcode, long code, String message) {
    }

    static Optional<Fault> fault(Document d) {
        List<Element> faults = all(d, NS_SOAP, "Fault");
        if (faults.isEmpty()) {
            return Optional.empty();
        }
        Element f = faults.get(0);
        String subcode = null;
        List<Element> sub = all(f, NS_SOAP, "Subcode");
        if (!sub.isEmpty()) {
            subcode = first(sub.get(0), NS_SOAP, "Value").map(v -> v.substring(v.indexOf(':') + 1)).orElse(null);
        }
        long code = 0;
        String message = first(f, NS_SOAP, "Text").orElse("");
        List<Element> wsman = all(f, NS_FAULT, "WSManFault");
        if (!wsman.isEmpty()) {
            try {
                code = Long.parseLong(wsman.get(0).getAttribute("Code").trim());
            } catch (NumberFormatException e) {
                code = 0;
            }
            message = first(wsman.get(0), NS_FAULT, "Message").orElse(message);
        }
        return Optional.of(new Fault(subcode, code, message.strip()));
    }
}
