package dev.reprolab.vmimages;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.doctor.Doctor;
import dev.reprolab.doctor.DoctorOptions;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.guest.GuestDefect;
import dev.reprolab.windows.cab.StandInPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * vm-images builds the base image: the Packer template is well-formed HCL2 with the hyperv-iso source and provisioners
 * whose files exist, the answer file is well-formed unattend XML, and the provisioning scripts, run over WinRM on a
 * bare simulated guest, turn every doctor FAIL into ok.
 */
public class VmImagesTest {

    static Path images() {
        Path p = Paths.get("..", "vm-images");
        return Files.isDirectory(p) ? p : Paths.get("vm-images");
    }

    /**
     * A structural check of HCL2 (no maintained HCL2 parser is on Maven Central): strings, comments and heredocs
     * skipped, braces and brackets balanced, and the block / attribute shape of every line inside a block.
     */
    static List<String> hclProblems(String text) {
        List<String> problems = new ArrayList<>();
        Deque stack = new Deque();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            boolean inString = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (inString) {
                    if (ch == '\\') {
                        i++;
                    } else if (ch == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (ch == '#' || (ch == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
                    break;
                }
                if (ch == '"') {
                    inString = true;
                } else if (ch == '{' || ch == '[' || ch == '(') {
                    stack.push(ch, n + 1);
                } else if (ch == '}' || ch == ']' || ch == ')') {
                    char open = ch == '}' ? '{' : ch == ']' ? '[' : '(';
                    if (!stack.pop(open)) {
                        problems.add((n + 1) + ": unbalanced '" + ch + "'");
                    }
                }
            }
            if (inString) {
                problems.add((n + 1) + ": unterminated string");
            }
        }
        if (!stack.empty()) {
            problems.add("unclosed '" + stack.top() + "' from line " + stack.topLine());
        }
        return problems;
    }

    /** A tiny stack of open brackets with their lines. */
    static final class Deque {
        private final List<Character> chars = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();

        void push(char c, int line) {
            chars.add(c);
            lines.add(line);
        }

        boolean pop(char c) {
            if (chars.isEmpty() || chars.get(chars.size() - 1) != c) {
                return false;
            }
            chars.remove(chars.size() - 1);
            lines.remove(lines.size() - 1);
            return true;
        }

        boolean empty() {
            return chars.isEmpty();
        }

        char top() {
            return chars.get(chars.size() - 1);
        }

        int topLine() {
            return lines.get(lines.size() - 1);
        }
    }

    @Test
    public void thePackerTemplateIsWellFormedHcl2WithTheHyperVIsoBuilder() throws Exception {
        String hcl = Files.readString(images().resolve("hyperv/ws2008r2.pkr.hcl"));
        assertEquals(hclProblems(hcl), List.of());
        assertTrue(hclProblems("a = { b = [1, 2 }\n").size() > 0, "the check finds a mismatched bracket");
        assertTrue(hclProblems("a = \"open\n").size() > 0, "the check finds an unterminated string");
        assertTrue(Pattern.compile("source\\s*=\\s*\"github.com/hashicorp/hyperv\"").matcher(hcl).find());
        assertTrue(Pattern.compile("(?m)^source \"hyperv-iso\" \"ws2008r2\" \\{$").matcher(hcl).find());
        assertTrue(hcl.contains("sources = [\"source.hyperv-iso.ws2008r2\"]"));
        assertTrue(Pattern.compile("(?m)^\\s*generation\\s*=\\s*1$").matcher(hcl).find(), "2008 R2 boots only as a generation 1 VM");
        Set<String> declared = new LinkedHashSet<>();
        Matcher v = Pattern.compile("(?m)^variable \"(\\w+)\" \\{").matcher(hcl);
        while (v.find()) {
            declared.add(v.group(1));
        }
        Matcher used = Pattern.compile("var\\.(\\w+)").matcher(hcl);
        while (used.find()) {
            assertTrue(declared.contains(used.group(1)), "var." + used.group(1) + " is used but not declared");
        }
        Matcher files = Pattern.compile("\\$\\{path\\.root}/([^\"]+)\"").matcher(hcl);
        int found = 0;
        while (files.find()) {
            Path f = images().resolve("hyperv").resolve(files.group(1));
            assertTrue(Files.exists(f), f + " (named by the template) exists");
            found++;
        }
        assertTrue(found >= 2, "the template ships the answer file and the scripts");
        assertTrue(hcl.contains("provision.ps1"), "the template runs the shared provisioning scripts");
    }

    @Test
    public void theAnswerFileIsUnattendXmlWithTheExpectedElements() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(images().resolve("hyperv/Autounattend.xml").toFile());
        String ns = "urn:schemas-microsoft-com:unattend";
        assertEquals(d.getDocumentElement().getNamespaceURI(), ns);
        assertEquals(d.getDocumentElement().getLocalName(), "unattend");
        List<String> passes = new ArrayList<>();
        NodeList settings = d.getElementsByTagNameNS(ns, "settings");
        for (int i = 0; i < settings.getLength(); i++) {
            passes.add(((Element) settings.item(i)).getAttribute("pass"));
        }
        assertEquals(passes, List.of("windowsPE", "specialize", "oobeSystem"));
        NodeList components = d.getElementsByTagNameNS(ns, "component");
        for (int i = 0; i < components.getLength(); i++) {
            assertEquals(((Element) components.item(i)).getAttribute("processorArchitecture"), "amd64");
        }
        assertEquals(text(d, ns, "Value", "/IMAGE/NAME"), "Windows Server 2008 R2 SERVERSTANDARD");
        assertEquals(d.getElementsByTagNameNS(ns, "AcceptEula").item(0).getTextContent(), "true");
        assertEquals(d.getElementsByTagNameNS(ns, "ProtectYourPC").item(0).getTextContent(), "3", "Windows Update left off");
        assertTrue(d.getElementsByTagNameNS(ns, "AdministratorPassword").getLength() == 1);
        String first = d.getElementsByTagNameNS(ns, "FirstLogonCommands").item(0).getTextContent();
        assertTrue(first.contains("winrm quickconfig -q") && first.contains("@{Basic=\"true\"}"), first);
    }

    private static String text(Document d, String ns, String tag, String siblingKey) {
        NodeList keys = d.getElementsByTagNameNS(ns, "Key");
        for (int i = 0; i < keys.getLength(); i++) {
            if (keys.item(i).getTextContent().equals(siblingKey)) {
                return ((Element) keys.item(i).getParentNode()).getElementsByTagNameNS(ns, tag).item(0).getTextContent();
            }
        }
        return null;
    }

    @Test
    public void theScriptsTurnABareGuestIntoOneDoctorPasses() throws Exception {
        Catalog catalog = Catalog.load(images().resolve("catalog.yaml"));
        try (SimBackend sim = SimBackends.start(catalog, 1, Files.createTempDirectory("bare"), false, Map.of("*", GuestDefect.BARE))) {
            DoctorOptions options = DoctorOptions.defaults(catalog, false);
            List<String> before = new ArrayList<>();
            assertEquals(new Doctor(sim, options, before::add).run(), 1, String.join("\n", before));
            assertTrue(before.stream().filter(l -> l.startsWith("FAIL")).count() >= 4, String.join("\n", before));

            Path downloads = Files.createTempDirectory("downloads");
            Files.writeString(downloads.resolve("procdump.exe"), "MZ stand-in for Sysinternals ProcDump v10.0\r\n", StandardCharsets.US_ASCII);
            Files.writeString(downloads.resolve("notmyfaultc64.exe"), "MZ stand-in for Sysinternals NotMyFault v4.21\r\n", StandardCharsets.US_ASCII);
            Files.writeString(downloads.resolve("vc_redist.x64.exe"), "MZ stand-in for the VC++ 2015-2022 redistributable\r\n", StandardCharsets.US_ASCII);
            StandInPackage.writeMsu(downloads, "KB3177467", "Servicing stack update for Windows 7 SP1 and Windows Server 2008 R2 SP1");

            GuestAddress a = sim.address("lab-01", Duration.ofMinutes(1));
            WinRmGuest g = new WinRmGuest(a);
            Duration d = Duration.ofMinutes(2);
            assertEquals(g.run("mkdir C:\\provision\\downloads", d).exitCode(), 0);
            try (Stream<Path> scripts = Files.list(images().resolve("scripts"))) {
                for (Path s : scripts.sorted().toList()) {
                    g.upload(s, "C:\\provision\\" + s.getFileName(), FileChannel.WINRM, d);
                }
            }
            try (Stream<Path> files = Files.list(downloads)) {
                for (Path f : files.sorted().toList()) {
                    g.upload(f, "C:\\provision\\downloads\\" + f.getFileName(), FileChannel.WINRM, d);
                }
            }
            // provision.ps1 as the template runs it: named parameters, $ErrorActionPreference = 'Stop', every script in turn
            CommandResult r = g.run("powershell -NoProfile -ExecutionPolicy Bypass -File C:\\provision\\provision.ps1"
                    + " -Downloads C:\\provision\\downloads", Duration.ofMinutes(5));
            assertEquals(r.exitCode(), 0, r.stdout() + r.stderr());
            assertTrue(r.stderr().isBlank(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("Provisioned. Reboot"), r.stdout());
            var boot = g.bootTime(d);
            try {
                g.run("shutdown /r /t 0", d);
            } catch (dev.reprolab.remote.LabException goneAlready) {
                // the guest may drop the connection as it goes down
            }
            g.awaitReboot(boot, Duration.ofMinutes(2));
            sim.checkpoint("lab-01", SimLab.CLEAN, d);

            List<String> after = new ArrayList<>();
            int exit = new Doctor(sim, DoctorOptions.defaults(catalog, true), after::add).run();
            assertEquals(exit, 0, String.join("\n", after));
            assertTrue(after.stream().filter(l -> l.matches("^(ok|warn|FAIL) .*")).allMatch(l -> l.startsWith("ok ")), String.join("\n", after));
        }
    }
}
