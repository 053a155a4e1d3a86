package dev.reprolab.sim.winrm;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The WS-Man envelope as the simulated endpoint reads and writes it (SOAP 1.2, MS-WSMV shell extension). */
final class Soap {

    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String NS_TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String NS_WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String NS_MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String NS_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String NS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    static final String ACTION_CREATE = NS_TRANSFER + "/Create";
    static final String ACTION_DELETE = NS_TRANSFER + "/Delete";
    static final String ACTION_COMMAND = NS_SHELL + "/Command";
    static final String ACTION_RECEIVE = NS_SHELL + "/Receive";
    static final String ACTION_SEND = NS_SHELL + "/Send";
    static final String ACTION_SIGNAL = NS_SHELL + "/Signal";
    static final String RESOURCE_CMD = NS_SHELL + "/cmd";

    private Soap() {
    }

    /** A parsed request: the headers the server acts on and the body element. */
    record Request(String action, String messageId, String resourceUri, Optional<String> shellId,
                   Optional<String> operationTimeout, Optional<String> maxEnvelopeSize, List<String[]> options,
                   Element body) {

        Optional<String> option(String name) {
            return options.stream().filter(o -> o[0].equalsIgnoreCase(name)).map(o -> o[1]).findFirst();
        }
    }

    static Request parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        Document d = b.parse(new ByteArrayInputStream(xml));
        Element env = d.getDocumentElement();
        if (!NS_SOAP.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw new IllegalArgumentException("not a SOAP 1.2 envelope");
        }
        Element header = child(env, NS_SOAP, "Header").orElseThrow(() -> new IllegalArgumentException("no Header"));
        Element body = child(env, NS_SOAP, "Body").orElseThrow(() -> new IllegalArgumentException("no Body"));
        String action = text(header, NS_ADDRESSING, "Action").orElse("");
        String messageId = text(header, NS_ADDRESSING, "MessageID").orElse("");
        String resource = text(header, NS_WSMAN, "ResourceURI").orElse("");
        Optional<String> shellId = Optional.empty();
        Optional<Element> selectors = child(header, NS_WSMAN, "SelectorSet");
        if (selectors.isPresent()) {
            for (Element s : children(selectors.get(), NS_WSMAN, "Selector")) {
                if ("ShellId".equals(s.getAttribute("Name"))) {
                    shellId = Optional.of(s.getTextContent().trim());
                }
            }
        }
        List<String[]> options = new ArrayList<>();
        Optional<Element> optionSet = child(header, NS_WSMAN, "OptionSet");
        if (optionSet.isPresent()) {
            for (Element o : children(optionSet.get(), NS_WSMAN, "Option")) {
                options.add(new String[] {o.getAttribute("Name"), o.getTextContent().trim()});
            }
        }
        Element bodyElement = firstElement(body).orElse(null);
        return new Request(action, messageId, resource, shellId, text(header, NS_WSMAN, "OperationTimeout"),
                text(header, NS_WSMAN, "MaxEnvelopeSize"), options, bodyElement);
    }

    static Optional<Element> child(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> firstElement(Element parent) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static Optional<String> text(Element parent, String ns, String local) {
        return child(parent, ns, local).map(e -> e.getTextContent().trim());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A response envelope: addressing headers (RelatesTo = the request's MessageID, as every client may check) and a body. */
    static String envelope(String action, String relatesTo, String body) {
        return "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + NS_SOAP + "\" xmlns:a=\"" + NS_ADDRESSING
                + "\" xmlns:x=\"" + NS_TRANSFER + "\" xmlns:w=\"" + NS_WSMAN + "\" xmlns:rsp=\"" + NS_SHELL
                + "\" xmlns:p=\"" + NS_MS_WSMAN + "\"><s:Header><a:Action>" + esc(action) + "</a:Action><a:MessageID>uuid:"
                + java.util.UUID.randomUUID().toString().toUpperCase() + "</a:MessageID><a:To>"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:RelatesTo>" + esc(relatesTo)
                + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /**
     * A WS-Management fault as Windows sends it: SOAP Code/Subcode, Reason, and the WSManFault detail with the
     * numeric code and message that clients show to people.
     */
    static String fault(String relatesTo, String soapCode, String wsmanSubcode, long wsmanCode, String machine, String message) {
        String body = "<s:Fault><s:Code><s:Value>s:" + soapCode + "</s:Value><s:Subcode><s:Value>w:" + wsmanSubcode
                + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + esc(message) + " </s:Text></s:Reason>"
                + "<s:Detail>" + (wsmanSubcode.equals("TimedOut") ? "" : "")
                + "<f:WSManFault xmlns:f=\"" + NS_FAULT + "\" Code=\"" + wsmanCode + "\" Machine=\"" + esc(machine)
                + "\"><f:Message>" + esc(message) + " </f:Message></f:WSManFault></s:Detail></s:Fault>";
        return envelope("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", relatesTo, body);
    }
}
