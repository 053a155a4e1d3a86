package dev.reprolab.windows.systeminfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders systeminfo's output: an empty line, then {@code label:} padded to 27 columns and the value; list
 * entries ({@code [01]: ...}) indented by 27 spaces, network-card detail lines by 33. The Processor(s),
 * Hotfix(s) and Network Card(s) headings carry a count line ("2 Processor(s) Installed.").
 */
public final class SystemInfoFormatter {

    static final int LABEL_WIDTH = 27;
    private static final String INDENT = " ".repeat(LABEL_WIDTH);

    private SystemInfoFormatter() {
    }

    public static String format(SystemInfo info) {
        StringBuilder b = new StringBuilder(CRLF);
        for (Map.Entry<String, String> e : info.fields().entrySet()) {
            String label = e.getKey();
            switch (label) {
                case "Processor(s)" -> list(b, label, info.processors().size() + " Processor(s) Installed.",
                        info.processors(), false);
                case "Hotfix(s)" -> list(b, label, info.hotfixes().size() + " Hotfix(s) Installed.",
                        info.hotfixes(), false);
                case "Network Card(s)" -> list(b, label, countCards(info.networkCards()) + " NIC(s) Installed.",
                        info.networkCards(), true);
                default -> b.append(String.format("%-" + LABEL_WIDTH + "s", label + ":")).append(e.getValue())
                        .append(CRLF);
            }
        }
        return b.toString();
    }

    private static long countCards(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("  ")).count();
    }

    private static void list(StringBuilder b, String label, String count, List<String> items, boolean cards) {
        b.append(String.format("%-" + LABEL_WIDTH + "s", label + ":")).append(count).append(CRLF);
        int n = 0;
        for (String item : items) {
            if (cards && item.startsWith("  ")) {
                b.append(INDENT).append("      ").append(item.substring(2)).append(CRLF);
            } else {
                n++;
                b.append(INDENT).append(String.format("[%02d]: ", n)).append(item).append(CRLF);
            }
        }
    }

    /**
     * A Server 2008 R2 SP1 guest as the simulated lab presents it (values that do not matter to the case are
     * plausible constants; hostname, boot time, install date and hotfixes come from the caller).
     */
    public static SystemInfo windows2008R2Sp1(String hostName, String originalInstallDate, String bootTime,
                                              List<String> hotfixes, String ipAddress) {
        return windows2008R2Sp1(hostName, originalInstallDate, bootTime, hotfixes, ipAddress, 4_294_500_352L, 3_508_068_352L, 4096);
    }

    /**
     * As above, with the machine's memory: installed and available bytes as Windows reports them, and the page file's
     * size in MB (the virtual-memory lines are memory plus page file).
     */
    public static SystemInfo windows2008R2Sp1(String hostName, String originalInstallDate, String bootTime,
                                              List<String> hotfixes, String ipAddress, long totalBytes, long availableBytes,
                                              long pageFileMb) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("Host Name", hostName);
        f.put("OS Name", "Microsoft Windows Server 2008 R2 Standard ");
        f.put("OS Version", "6.1.7601 Service Pack 1 Build 7601");
        f.put("OS Manufacturer", "Microsoft Corporation");
        f.put("OS Configuration", "Standalone Server");
        f.put("OS Build Type", "Multiprocessor Free");
        f.put("Registered Owner", "Windows User");
        f.put("Registered Organization", "");
        f.put("Product ID", "55041-507-0000000-84000");
        f.put("Original Install Date", originalInstallDate);
        f.put("System Boot Time", bootTime);
        f.put("System Manufacturer", "Microsoft Corporation");
        f.put("System Model", "Virtual Machine");
        f.put("System Type", "x64-based PC");
        f.put("Processor(s)", null);
        f.put("BIOS Version", "American Megatrends Inc. 090006 , 5/23/2012");
        f.put("Windows Directory", "C:\\Windows");
        f.put("System Directory", "C:\\Windows\\system32");
        f.put("Boot Device", "\\Device\\HarddiskVolume1");
        f.put("System Locale", "en-us;English (United States)");
        f.put("Input Locale", "en-us;English (United States)");
        f.put("Time Zone", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna");
        long totalMb = totalBytes >> 20;
        long availableMb = availableBytes >> 20;
        long maxMb = totalMb + pageFileMb;
        long inUseMb = totalMb - availableMb;
        f.put("Total Physical Memory", mb(totalMb));
        f.put("Available Physical Memory", mb(availableMb));
        f.put("Virtual Memory: Max Size", mb(maxMb));
        f.put("Virtual Memory: Available", mb(maxMb - inUseMb));
        f.put("Virtual Memory: In Use", mb(inUseMb));
        f.put("Page File Location(s)", "C:\\pagefile.sys");
        f.put("Domain", "WORKGROUP");
        f.put("Logon Server", "\\\\" + hostName);
        f.put("Hotfix(s)", null);
        f.put("Network Card(s)", null);
        List<String> cards = List.of("Microsoft Virtual Machine Bus Network Adapter",
                "  Connection Name: Local Area Connection",
                "  DHCP Enabled:    Yes",
                "  DHCP Server:     192.168.0.1",
                "  IP address(es)",
                "  [01]: " + ipAddress);
        return new SystemInfo(f, List.of("Intel64 Family 6 Model 62 Stepping 4 GenuineIntel ~2600 Mhz"),
                hotfixes, cards);
    }

    private static String mb(long n) {
        return String.format(java.util.Locale.US, "%,d MB", n);
    }
}
