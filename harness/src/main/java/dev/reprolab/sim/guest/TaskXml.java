package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.GuestOs.ScheduledTask;
import dev.reprolab.windows.schtasks.SchtasksFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task definitions as XML (the Task Scheduler 2.0 schema, {@code http://schemas.microsoft.com/windows/2004/02/mit/task}):
 * {@code schtasks /create /tn NAME /xml FILE} reads the one Exec action, the principal and a Boot or Time trigger;
 * {@code schtasks /query /xml} writes a task back in that schema. The file is read as UTF-16 when it starts with a
 * byte-order mark (what Export and {@code /query /xml > FILE} give), else as UTF-8.
 */
final class TaskXml {

    private TaskXml() {
    }

    static int create(ProgramCall c, SimGuest g, String name, String file, boolean force) {
        if (name == null || name.isEmpty()) {
            c.err("ERROR: Invalid syntax. Mandatory option '/tn' is missing." + "\r\n" + "Type \"SCHTASKS /CREATE /?\" for usage." + "\r\n");
            return 1;
        }
        Path p = g.file(file);
        if (!Files.isRegularFile(p)) {
            c.err(SchtasksFormatter.notFound());
            return 1;
        }
        String xml;
        try {
            byte[] b = Files.readAllBytes(p);
            xml = b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe
                    ? new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE) : new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> command = element(xml, "Command");
        if (!xml.contains("<Task") || command.isEmpty()) {
            c.err("ERROR: The task XML is malformed." + "\r\n");
            return 1;
        }
        String exe = command.get().contains(" ") && !command.get().startsWith("\"") ? "\"" + command.get() + "\"" : command.get();
        String line = element(xml, "Arguments").map(a -> exe + " " + a).orElse(exe);
        String user = element(xml, "UserId").orElse("");
        String runAs = user.equals("S-1-5-18") || user.equalsIgnoreCase("SYSTEM") || user.equalsIgnoreCase("NT AUTHORITY\\SYSTEM")
                ? "SYSTEM" : "Administrator";
        boolean boot = xml.contains("<BootTrigger");
        LocalDateTime start = null;
        if (!boot) {
            try {
                start = element(xml, "StartBoundary").map(s -> LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s))
                        .orElse(LocalDateTime.ofInstant(g.clock().instant(), ZoneOffset.UTC).withNano(0));
            } catch (DateTimeParseException e) {
                c.err("ERROR: The task XML is malformed." + "\r\n");
                return 1;
            }
        }
        boolean highest = element(xml, "RunLevel").filter(r -> r.equals("HighestAvailable")).isPresent();
        String author = element(xml, "Author").orElse(g.computerName() + "\\Administrator");
        return Schtasks.register(c, g, new ScheduledTask(name.startsWith("\\") ? name.substring(1) : name, line, runAs,
                "Ready", 267011, boot ? "ONSTART" : "ONCE", start, null, highest, author, 0), force, false);
    }

    static Optional<String> element(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + "(?:\\s[^>]*)?>([^<]*)</" + tag + ">").matcher(xml);
        return m.find() ? Optional.of(unescape(m.group(1).strip())) : Optional.empty();
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The task in the schema, as {@code /query /xml} prints it (CRLF line ends, two-space indent). */
    static String of(ScheduledTask t) {
        String cmd = t.commandLine().strip();
        String exe;
        String args;
        if (cmd.startsWith("\"") && cmd.indexOf('"', 1) > 0) {
            exe = cmd.substring(1, cmd.indexOf('"', 1));
            args = cmd.substring(cmd.indexOf('"', 1) + 1).strip();
        } else {
            int sp = cmd.indexOf(' ');
            exe = sp < 0 ? cmd : cmd.substring(0, sp);
            args = sp < 0 ? "" : cmd.substring(sp + 1).strip();
        }
        String trigger = t.trigger().equals("ONSTART")
                ? "    <BootTrigger>\r\n      <Enabled>true</Enabled>\r\n    </BootTrigger>\r\n"
                : "    <TimeTrigger>\r\n      <StartBoundary>" + t.start() + (t.start().getSecond() == 0 ? ":00" : "")
                + "</StartBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>\r\n";
        String principal = t.runAs().equals("SYSTEM") ? "      <UserId>S-1-5-18</UserId>\r\n"
                : "      <UserId>" + escape(t.author()) + "</UserId>\r\n      <LogonType>InteractiveToken</LogonType>\r\n";
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
                + "  <RegistrationInfo>\r\n    <Author>" + escape(t.author()) + "</Author>\r\n  </RegistrationInfo>\r\n"
                + "  <Triggers>\r\n" + trigger + "  </Triggers>\r\n"
                + "  <Principals>\r\n    <Principal id=\"Author\">\r\n" + principal
                + "      <RunLevel>" + (t.highest() ? "HighestAvailable" : "LeastPrivilege") + "</RunLevel>\r\n"
                + "    </Principal>\r\n  </Principals>\r\n"
                + "  <Settings>\r\n    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n"
                + "    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>\r\n"
                + "    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>\r\n"
                + "    <AllowStartOnDemand>true</AllowStartOnDemand>\r\n    <Enabled>true</Enabled>\r\n"
                + "    <ExecutionTimeLimit>P3D</ExecutionTimeLimit>\r\n  </Settings>\r\n"
                + "  <Actions Context=\"Author\">\r\n    <Exec>\r\n      <Command>" + escape(exe) + "</Command>\r\n"
                + (args.isEmpty() ? "" : "      <Arguments>" + escape(args) + "</Arguments>\r\n")
                + "    </Exec>\r\n  </Actions>\r\n</Task>\r\n";
    }
}
