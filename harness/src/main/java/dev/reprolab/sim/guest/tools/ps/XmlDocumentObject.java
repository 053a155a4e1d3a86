package dev.reprolab.sim.guest.tools.ps;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * System.Xml.XmlDocument and its nodes with PowerShell's XML adapter: child elements and attributes read as
 * properties ({@code $x.config.appSettings.add}), a text-only element as its text, several as an array.
 */
final class XmlDocumentObject {

    private XmlDocumentObject() {
    }

    static XmlNodeObject empty() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            return new XmlNodeObject(f.newDocumentBuilder().newDocument());
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static XmlNodeObject parse(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
            return new XmlNodeObject(d);
        } catch (Exception e) {
            throw PsConvert.cannotConvert(text, "System.Xml.XmlDocument", "Data at the root level is invalid. Line 1, position 1.");
        }
    }

    /** A DOM node with the adapter's members. */
    record XmlNodeObject(Node node) implements DotNetObject {

        @Override
        public String typeName() {
            return switch (node.getNodeType()) {
                case Node.DOCUMENT_NODE -> "System.Xml.XmlDocument";
                case Node.ATTRIBUTE_NODE -> "System.Xml.XmlAttribute";
                case Node.TEXT_NODE -> "System.Xml.XmlText";
                default -> "System.Xml.XmlElement";
            };
        }

        @Override
        public Object property(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            switch (n) {
                case "innertext" -> {
                    return node.getTextContent();
                }
                case "innerxml" -> {
                    StringBuilder sb = new StringBuilder();
                    NodeList c = node.getChildNodes();
                    for (int i = 0; i < c.getLength(); i++) {
                        sb.append(serialize(c.item(i)));
                    }
                    return sb.toString();
                }
                case "outerxml" -> {
                    return serialize(node);
                }
                case "documentelement" -> {
                    if (node instanceof Document d && d.getDocumentElement() != null) {
                        return new XmlNodeObject(d.getDocumentElement());
                    }
                }
                case "localname" -> {
                    return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
                }
                case "value" -> {
                    if (node.getNodeType() == Node.ATTRIBUTE_NODE) {
                        return node.getNodeValue();
                    }
                }
                case "childnodes" -> {
                    List<Object> out = new ArrayList<>();
                    NodeList c = node.getChildNodes();
                    for (int i = 0; i < c.getLength(); i++) {
                        out.add(new XmlNodeObject(c.item(i)));
                    }
                    return out.toArray();
                }
                case "parentnode" -> {
                    return node.getParentNode() == null ? null : new XmlNodeObject(node.getParentNode());
                }
                default -> {
                }
            }
            if (node instanceof Element e && e.hasAttribute(name)) {
                return e.getAttribute(name);
            }
            List<Object> matches = new ArrayList<>();
            NodeList c = node.getChildNodes();
            for (int i = 0; i < c.getLength(); i++) {
                Node k = c.item(i);
                if (k.getNodeType() == Node.ELEMENT_NODE && k.getNodeName().equalsIgnoreCase(name)) {
                    matches.add(adapt(k));
                }
            }
            if (!matches.isEmpty()) {
                return matches.size() == 1 ? matches.get(0) : matches.toArray();
            }
            if (n.equals("name")) {
                return node.getNodeName();
            }
            return NONE;
        }

        /** A text-only element with no attributes reads as its string. */
        private static Object adapt(Node k) {
            boolean simple = !k.hasAttributes();
            NodeList c = k.getChildNodes();
            for (int i = 0; i < c.getLength(); i++) {
                if (c.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    simple = false;
                }
            }
            return simple ? k.getTextContent() : new XmlNodeObject(k);
        }

        @Override
        public boolean setProperty(String name, Object value) {
            if (name.equalsIgnoreCase("InnerText")) {
                node.setTextContent(PsConvert.str(value));
                return true;
            }
            if (node instanceof Element e && e.hasAttribute(name)) {
                e.setAttribute(name, PsConvert.str(value));
                return true;
            }
            return false;
        }

        @Override
        public Object call(String name, List<Object> a) {
            Document doc = node instanceof Document d ? d : node.getOwnerDocument();
            try {
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "selectnodes", "selectsinglenode" -> {
                        NodeList list = (NodeList) XPathFactory.newInstance().newXPath()
                                .evaluate(PsConvert.str(a.get(0)), node, XPathConstants.NODESET);
                        List<Object> out = new ArrayList<>();
                        for (int i = 0; i < list.getLength(); i++) {
                            out.add(new XmlNodeObject(list.item(i)));
                        }
                        if (name.equalsIgnoreCase("selectsinglenode")) {
                            return out.isEmpty() ? null : out.get(0);
                        }
                        return out.toArray();
                    }
                    case "getattribute" -> {
                        return ((Element) node).getAttribute(PsConvert.str(a.get(0)));
                    }
                    case "setattribute" -> {
                        ((Element) node).setAttribute(PsConvert.str(a.get(0)), PsConvert.str(a.get(1)));
                        return PsConvert.VOID;
                    }
                    case "createelement" -> {
                        return new XmlNodeObject(doc.createElement(PsConvert.str(a.get(0))));
                    }
                    case "appendchild" -> {
                        Node child = ((XmlNodeObject) a.get(0)).node();
                        node.appendChild(child);
                        return a.get(0);
                    }
                    case "removechild" -> {
                        node.removeChild(((XmlNodeObject) a.get(0)).node());
                        return a.get(0);
                    }
                    case "loadxml" -> {
                        Document parsed = (Document) parse(PsConvert.str(a.get(0))).node();
                        Document target = (Document) node;
                        while (target.getFirstChild() != null) {
                            target.removeChild(target.getFirstChild());
                        }
                        target.appendChild(target.importNode(parsed.getDocumentElement(), true));
                        return PsConvert.VOID;
                    }
                    case "getelementsbytagname" -> {
                        NodeList list = node instanceof Document d ? d.getElementsByTagName(PsConvert.str(a.get(0)))
                                : ((Element) node).getElementsByTagName(PsConvert.str(a.get(0)));
                        List<Object> out = new ArrayList<>();
                        for (int i = 0; i < list.getLength(); i++) {
                            out.add(new XmlNodeObject(list.item(i)));
                        }
                        return out.toArray();
                    }
                    default -> {
                        return NONE;
                    }
                }
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new NetException("System.Xml.XPath.XPathException", "'" + PsConvert.str(a.get(0)) + "' has an invalid token.");
            }
        }

        static String serialize(Node n) {
            if (n.getNodeType() == Node.TEXT_NODE) {
                return n.getNodeValue();
            }
            try {
                var t = TransformerFactory.newInstance().newTransformer();
                t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
                StringWriter w = new StringWriter();
                t.transform(new DOMSource(n), new StreamResult(w));
                return w.toString();
            } catch (javax.xml.transform.TransformerException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> propertyNames() {
            List<String> names = new ArrayList<>();
            if (node instanceof Element e) {
                for (int i = 0; i < e.getAttributes().getLength(); i++) {
                    names.add(e.getAttributes().item(i).getNodeName());
                }
            }
            NodeList c = node.getChildNodes();
            for (int i = 0; i < c.getLength(); i++) {
                if (c.item(i).getNodeType() == Node.ELEMENT_NODE && !names.contains(c.item(i).getNodeName())) {
                    names.add(c.item(i).getNodeName());
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return node instanceof Document ? "#document" : node.getNodeName();
        }
    }
}
