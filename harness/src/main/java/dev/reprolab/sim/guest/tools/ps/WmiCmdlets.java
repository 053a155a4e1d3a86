package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Get-WmiObject for the classes the lab has (OperatingSystem, ComputerSystem, Service, Process, QuickFixEngineering,
 * LogicalDisk, NetworkAdapterConfiguration, BIOS), with -Filter/-Query on simple property comparisons.
 */
final class WmiCmdlets {

    private WmiCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Get-WmiObject", "Class@0,Property@1,Filter,Query,Namespace,ComputerName,Credential,List!,Recurse!,Amended!,"
                + "DirectRead!,EnableAllPrivileges!,Authentication,Impersonation,Locale,AsJob!", WmiCmdlets::get);
    }

    static PsObject wmi(String cls) {
        PsObject o = new PsObject("System.Management.ManagementObject#root\\cimv2\\" + cls);
        o.typeNames.add(1, "System.Management.ManagementObject");
        o.typeNames.add(2, "System.Management.ManagementBaseObject");
        o.put("__CLASS", cls);
        o.put("__NAMESPACE", "root\\cimv2");
        return o;
    }

    static List<Object> hotfixes(Session s, boolean asDate) {
        List<Object> rows = new ArrayList<>();
        for (PsHost.HotFixRow h : s.host.hotfixes()) {
            PsObject o = wmi("Win32_QuickFixEngineering");
            o.put("Source", s.host.computerName());
            o.put("Description", h.description());
            o.put("HotFixID", h.hotFixId());
            o.put("InstalledBy", h.installedBy());
            Object on = h.installedOn();
            if (asDate && h.installedOn() != null && !h.installedOn().isEmpty()) {
                try {
                    on = Dates.parse(h.installedOn());
                } catch (PsError e) {
                    on = h.installedOn();
                }
            }
            o.put("InstalledOn", on);
            o.put("Caption", "http://support.microsoft.com/?kbid=" + h.hotFixId().replaceAll("\\D", ""));
            o.put("CSName", s.host.computerName());
            o.defaultDisplay = List.of("Source", "Description", "HotFixID", "InstalledBy", "InstalledOn");
            rows.add(o);
        }
        return rows;
    }

    private static void get(CmdletCall c) {
        String cls = c.str("Class");
        String filter = c.str("Filter");
        if (c.has("Query")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)select\\s+.+?\\s+from\\s+(\\w+)(?:\\s+where\\s+(.+))?")
                    .matcher(c.str("Query").trim());
            if (!m.matches()) {
                throw c.err("Invalid query ", "InvalidOperation: (:) [Get-WmiObject], ManagementException", "GetWMIManagementException");
            }
            cls = m.group(1);
            filter = m.group(2);
        }
        if (cls == null) {
            throw c.err("Cannot process command because of one or more missing mandatory parameters: Class.",
                    "InvalidArgument: (:) [Get-WmiObject], ParameterBindingException", "MissingMandatoryParameter");
        }
        List<Object> rows = objects(c.session, cls);
        if (rows == null) {
            throw c.err("Invalid class ", "InvalidOperation: (:) [Get-WmiObject], ManagementException", "GetWMIManagementException");
        }
        for (Object o : rows) {
            if (filter == null || WqlFilter.matches((PsObject) o, filter)) {
                c.out(o);
            }
        }
    }

    static List<Object> objects(Session s, String cls) {
        PsHost h = s.host;
        List<Object> out = new ArrayList<>();
        switch (cls.toLowerCase(Locale.ROOT)) {
            case "win32_operatingsystem" -> {
                PsObject o = wmi("Win32_OperatingSystem");
                o.put("SystemDirectory", "C:\\Windows\\system32");
                o.put("Organization", "");
                o.put("BuildNumber", "7601");
                o.put("RegisteredUser", "Windows User");
                o.put("SerialNumber", "55041-507-9857321-84191");
                o.put("Version", "6.1.7601");
                o.put("Caption", "Microsoft Windows Server 2008 R2 Standard ");
                o.put("CSDVersion", "Service Pack 1");
                o.put("ServicePackMajorVersion", 1);
                o.put("LastBootUpTime", h.lastBootUpTimeWmi());
                o.put("CSName", h.computerName());
                o.put("OSArchitecture", "64-bit");
                o.put("Manufacturer", "Microsoft Corporation");
                o.put("WindowsDirectory", "C:\\Windows");
                o.put("FreePhysicalMemory", h.availablePhysicalMemory() / 1024);
                o.put("TotalVisibleMemorySize", h.totalPhysicalMemory() / 1024);
                o.defaultDisplay = List.of("SystemDirectory", "Organization", "BuildNumber", "RegisteredUser", "SerialNumber", "Version");
                o.methods.put("converttodatetime", a -> WmiDates.parse(PsConvert.str(a.get(0))));
                out.add(o);
            }
            case "win32_computersystem" -> {
                PsObject o = wmi("Win32_ComputerSystem");
                o.put("Domain", "WORKGROUP");
                o.put("Manufacturer", "Microsoft Corporation");
                o.put("Model", "Virtual Machine");
                o.put("Name", h.computerName());
                o.put("PrimaryOwnerName", "Windows User");
                o.put("TotalPhysicalMemory", h.totalPhysicalMemory());
                o.put("NumberOfProcessors", 1);
                o.put("NumberOfLogicalProcessors", 2);
                o.put("PartOfDomain", false);
                o.put("SystemType", "x64-based PC");
                o.defaultDisplay = List.of("Domain", "Manufacturer", "Model", "Name", "PrimaryOwnerName", "TotalPhysicalMemory");
                out.add(o);
            }
            case "win32_quickfixengineering" -> out.addAll(hotfixes(s, false));
            case "win32_service" -> {
                for (PsHost.ServiceRow r : h.services()) {
                    PsObject o = wmi("Win32_Service");
                    String st = SystemObjects.statusName(r.status());
                    o.put("ExitCode", 0);
                    o.put("Name", r.name());
                    o.put("ProcessId", r.pid());
                    o.put("StartMode", r.startMode().startsWith("Auto") ? "Auto" : r.startMode());
                    o.put("State", switch (st) {
                        case "StartPending" -> "Start Pending";
                        case "StopPending" -> "Stop Pending";
                        default -> st;
                    });
                    o.put("Status", "OK");
                    o.put("DisplayName", r.displayName());
                    o.put("PathName", r.pathName());
                    o.put("Started", st.equals("Running"));
                    o.put("StartName", "LocalSystem");
                    o.defaultDisplay = List.of("ExitCode", "Name", "ProcessId", "StartMode", "State", "Status");
                    out.add(o);
                }
            }
            case "win32_process" -> {
                for (PsHost.ProcessRow p : h.processes()) {
                    PsObject o = wmi("Win32_Process");
                    o.put("ProcessName", p.imageName());
                    o.put("Name", p.imageName());
                    o.put("Handles", 40 + (p.pid() % 97) * 3);
                    o.put("VM", 20_000_000L + p.workingSetKb() * 3072);
                    o.put("WS", p.workingSetKb() * 1024);
                    o.put("ProcessId", p.pid());
                    o.put("ParentProcessId", p.parentPid());
                    o.put("CommandLine", p.commandLine());
                    o.put("SessionId", p.sessionId());
                    o.put("ExecutablePath", p.pid() <= 4 ? null : "C:\\Windows\\system32\\" + p.imageName());
                    o.defaultDisplay = List.of("ProcessName", "Handles", "VM", "WS");
                    int pid = p.pid();
                    o.methods.put("terminate", a -> {
                        String err = h.stopProcess(pid);
                        PsObject r = new PsObject("System.Management.ManagementBaseObject");
                        r.put("ReturnValue", err == null ? 0 : 2);
                        return r;
                    });
                    out.add(o);
                }
            }
            case "win32_logicaldisk" -> {
                long[] space = h.diskSpace();
                PsObject o = wmi("Win32_LogicalDisk");
                o.put("DeviceID", "C:");
                o.put("DriveType", 3);
                o.put("ProviderName", null);
                o.put("FreeSpace", space[1]);
                o.put("Size", space[0]);
                o.put("VolumeName", "");
                o.put("FileSystem", "NTFS");
                o.defaultDisplay = List.of("DeviceID", "DriveType", "ProviderName", "FreeSpace", "Size", "VolumeName");
                out.add(o);
            }
            case "win32_networkadapterconfiguration" -> {
                PsObject o = wmi("Win32_NetworkAdapterConfiguration");
                String ip = h.ipAddress();
                o.put("DHCPEnabled", false);
                o.put("IPAddress", new Object[] {ip, "fe80::5efe:" + ip});
                o.put("DefaultIPGateway", new Object[] {ip.substring(0, ip.lastIndexOf('.')) + ".1"});
                o.put("DNSDomain", null);
                o.put("ServiceName", "netvsc");
                o.put("Description", "Microsoft Virtual Machine Bus Network Adapter");
                o.put("Index", 7);
                o.put("IPEnabled", true);
                o.put("IPSubnet", new Object[] {"255.255.255.0", "128"});
                o.put("MACAddress", "00:15:5D:01:02:03");
                o.defaultDisplay = List.of("DHCPEnabled", "IPAddress", "DefaultIPGateway", "DNSDomain", "ServiceName", "Description", "Index");
                out.add(o);
            }
            case "win32_bios" -> {
                PsObject o = wmi("Win32_BIOS");
                o.put("SMBIOSBIOSVersion", "090006");
                o.put("Manufacturer", "American Megatrends Inc.");
                o.put("Name", "BIOS Date: 05/23/12 17:15:53  Ver: 09.00.06");
                o.put("SerialNumber", "2154-4371-0571-5532-4310-7361-57");
                o.put("Version", "VRTUAL - 5001223");
                o.defaultDisplay = List.of("SMBIOSBIOSVersion", "Manufacturer", "Name", "SerialNumber", "Version");
                out.add(o);
            }
            default -> {
                return null;
            }
        }
        return out;
    }
}
