package dev.reprolab.sim.guest.tools.ps;

/**
 * The automatic and preference variables of a PowerShell 2.0 session on Server 2008 R2 SP1 ($PSVersionTable with
 * CLR 2.0.50727.5420 and build 6.1.7601.17514, $HOME, $PSHOME, $PID, the preference defaults).
 */
final class AutomaticVariables {

    private AutomaticVariables() {
    }

    static void define(Session s) {
        Scope g = s.global;
        g.setLocal("true", Boolean.TRUE);
        g.setLocal("false", Boolean.FALSE);
        g.setLocal("null", null);
        g.setLocal("Error", s.errors);
        g.setLocal("ErrorActionPreference", "Continue");
        g.setLocal("WarningPreference", "Continue");
        g.setLocal("VerbosePreference", "SilentlyContinue");
        g.setLocal("DebugPreference", "SilentlyContinue");
        g.setLocal("ProgressPreference", "Continue");
        g.setLocal("ConfirmPreference", "High");
        g.setLocal("WhatIfPreference", Boolean.FALSE);
        g.setLocal("ErrorView", "NormalView");
        g.setLocal("FormatEnumerationLimit", 4);
        g.setLocal("MaximumHistoryCount", 64);
        g.setLocal("OFS", " ");
        g.setLocal("ShellId", "Microsoft.PowerShell");
        g.setLocal("PSHOME", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0");
        String profile = s.env.getOrDefault("USERPROFILE", "C:\\Users\\" + s.env.getOrDefault("USERNAME", "Administrator"));
        g.setLocal("HOME", profile);
        g.setLocal("PID", s.host.processId());
        g.setLocal("LASTEXITCODE", null);
        g.setLocal("PSCulture", "en-US");
        g.setLocal("PSUICulture", "en-US");
        g.setLocal("NestedPromptLevel", 0);
        g.setLocal("PSEmailServer", null);
        g.setLocal("PSSessionApplicationName", "wsman");
        g.setLocal("PSSessionConfigurationName", "http://schemas.microsoft.com/powershell/Microsoft.PowerShell");
        PsHashtable v = new PsHashtable();
        v.put("CLRVersion", new PsVersion(2, 0, 50727, 5420));
        v.put("BuildVersion", new PsVersion(6, 1, 7601, 17514));
        v.put("PSVersion", new PsVersion(2, 0, -1, -1));
        v.put("WSManStackVersion", new PsVersion(2, 0, -1, -1));
        v.put("PSCompatibleVersions", new Object[] {new PsVersion(1, 0, -1, -1), new PsVersion(2, 0, -1, -1)});
        v.put("SerializationVersion", new PsVersion(1, 1, 0, 1));
        v.put("PSRemotingProtocolVersion", new PsVersion(2, 1, -1, -1));
        g.setLocal("PSVersionTable", v);
        g.setLocal("Host", new HostObject());
    }

    /** $Host for powershell.exe: ConsoleHost 2.0. */
    static final class HostObject implements DotNetObject {
        @Override
        public String typeName() {
            return "System.Management.Automation.Internal.Host.InternalHost";
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "name" -> "ConsoleHost";
                case "version" -> new PsVersion(2, 0, -1, -1);
                case "currentculture" -> "en-US";
                case "currentuiculture" -> "en-US";
                case "instanceid" -> "8cd1ba3a-0a48-4b4e-9b1a-6d1c31f1e1c7";
                default -> NONE;
            };
        }

        @Override
        public java.util.List<String> propertyNames() {
            return java.util.List.of("Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture",
                    "PrivateData", "IsRunspacePushed", "Runspace");
        }

        @Override
        public String toString() {
            return typeName();
        }
    }
}
