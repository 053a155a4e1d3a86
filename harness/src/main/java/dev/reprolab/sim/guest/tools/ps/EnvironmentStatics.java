package dev.reprolab.sim.guest.tools.ps;

import java.util.List;
import java.util.Locale;

/** [Environment]: machine name, OS version (6.1.7601 SP1), variables, folders, tick count, newline. */
final class EnvironmentStatics implements StaticMembers.StaticType {

    @Override
    public Object property(Session s, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "machinename" -> s.host.computerName();
            case "username" -> s.env.getOrDefault("USERNAME", "Administrator");
            case "userdomainname" -> s.env.getOrDefault("USERDOMAIN", s.host.computerName());
            case "newline" -> "\r\n";
            case "osversion" -> new OsVersion();
            case "version" -> new PsVersion(2, 0, 50727, 5420);
            case "currentdirectory" -> s.host.currentDirectory();
            case "systemdirectory" -> "C:\\Windows\\system32";
            case "processorcount" -> PsConvert.toInt(s.env.getOrDefault("NUMBER_OF_PROCESSORS", "2"));
            case "tickcount" -> (int) (s.host.now().toEpochMilli() - s.host.bootTime().toEpochMilli());
            case "is64bitoperatingsystem", "is64bitprocess" -> DotNetObject.NONE; // .NET 4.0 members
            case "userinteractive" -> false;
            case "commandline" -> "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\"";
            case "exitcode" -> 0;
            case "hasshutdownstarted" -> false;
            case "workingset" -> 31_457_280L;
            default -> DotNetObject.NONE;
        };
    }

    @Override
    public Object call(Evaluator ev, String n, List<Object> a) {
        Session s = ev.session;
        switch (n) {
            case "getenvironmentvariable" -> {
                String target = a.size() > 1 ? PsConvert.str(a.get(1)) : "Process";
                String name = PsConvert.str(a.get(0));
                return target.equalsIgnoreCase("Process") ? s.env.get(name) : s.host.machineEnvironment().get(name);
            }
            case "setenvironmentvariable" -> {
                String name = PsConvert.str(a.get(0));
                String value = a.get(1) == null ? null : PsConvert.str(a.get(1));
                if (value == null || value.isEmpty()) {
                    s.env.remove(name);
                } else {
                    s.env.put(name, value);
                }
                return PsConvert.VOID;
            }
            case "getenvironmentvariables" -> {
                PsHashtable h = new PsHashtable();
                s.env.forEach(h::put);
                return h;
            }
            case "getfolderpath" -> {
                String f = PsConvert.str(a.get(0)).toLowerCase(Locale.ROOT);
                String home = s.env.getOrDefault("USERPROFILE", "C:\\Users\\Administrator");
                return switch (f) {
                    case "desktop" -> home + "\\Desktop";
                    case "personal", "mydocuments" -> home + "\\Documents";
                    case "applicationdata" -> home + "\\AppData\\Roaming";
                    case "localapplicationdata" -> home + "\\AppData\\Local";
                    case "commonapplicationdata" -> "C:\\ProgramData";
                    case "programfiles" -> "C:\\Program Files";
                    case "system" -> "C:\\Windows\\system32";
                    case "windows" -> "C:\\Windows";
                    default -> "";
                };
            }
            case "expandenvironmentvariables" -> {
                String text = PsConvert.str(a.get(0));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("%([^%]+)%").matcher(text);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String v = s.env.get(m.group(1));
                    m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(v == null ? m.group() : v));
                }
                m.appendTail(sb);
                return sb.toString();
            }
            case "getlogicaldrives" -> {
                return new Object[] {"C:\\"};
            }
            case "exit" -> {
                throw new Flow.Exit(PsConvert.toInt(a.get(0)));
            }
            case "getcommandlineargs" -> {
                return new Object[] {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"};
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    /** [Environment]::OSVersion. */
    static final class OsVersion implements DotNetObject {
        @Override
        public String typeName() {
            return "System.OperatingSystem";
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "platform" -> new PsEnum("System.PlatformID", "Win32NT", 2);
                case "servicepack" -> "Service Pack 1";
                case "version" -> new PsVersion(6, 1, 7601, 65536);
                case "versionstring" -> "Microsoft Windows NT 6.1.7601 Service Pack 1";
                default -> NONE;
            };
        }

        @Override
        public List<String> propertyNames() {
            return List.of("Platform", "ServicePack", "Version", "VersionString");
        }

        @Override
        public String toString() {
            return "Microsoft Windows NT 6.1.7601 Service Pack 1";
        }
    }
}
