package dev.reprolab.sim.guest.tools.ps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Processes, time and randomness, hotfixes, the event log, and Server Manager's features (after
 * {@code Import-Module ServerManager}, as on 2008 R2 where nothing auto-loads).
 */
final class SystemCmdlets {

    private SystemCmdlets() {
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    static void register(Cmdlets c) {
        c.add("Get-Process", "Name@0=ProcessName,Id=PID,ComputerName,Module!,FileVersionInfo!,InputObject", SystemCmdlets::getProcess);
        c.add("Stop-Process", "Id@0,Name=ProcessName,InputObject,PassThru!,Force!,?", SystemCmdlets::stopProcess);
        c.add("Wait-Process", "Name@0=ProcessName,Id,InputObject,Timeout", SystemCmdlets::waitProcess);
        c.add("Start-Process", "FilePath@0=PSPath,ArgumentList@1=Args,Credential,WorkingDirectory,LoadUserProfile!,NoNewWindow!,"
                + "PassThru!,RedirectStandardError,RedirectStandardInput,RedirectStandardOutput,Wait!,WindowStyle,UseNewEnvironment!,Verb",
                SystemCmdlets::startProcess);
        c.add("Get-Date", "Date@0,Year,Month,Day,Hour,Minute,Second,DisplayHint,Format,UFormat", SystemCmdlets::getDate);
        c.add("New-TimeSpan", "Start@0=LastWriteTime,End@1,Days,Hours,Minutes,Seconds", SystemCmdlets::newTimeSpan);
        c.add("Start-Sleep", "Seconds@0,Milliseconds", x -> {
            long ms = x.has("Milliseconds") ? PsConvert.toLong(x.get("Milliseconds")) : Math.round(PsConvert.toDouble(x.get("Seconds")) * 1000);
            SystemObjects.sleep(x.session, ms);
        });
        c.add("Get-Random", "Maximum@0,Minimum,InputObject,Count,SetSeed", SystemCmdlets::random);
        c.add("Get-HotFix", "Id@0=HFID,Description,ComputerName,Credential", SystemCmdlets::hotfix);
        c.add("Get-EventLog", "LogName@0,InstanceId@1,Newest,After,Before,UserName,Index,EntryType,Source,Message,List!,AsString!,ComputerName",
                SystemCmdlets::eventLog);
        c.add("Get-WindowsFeature", "Name@0,LogPath", "ServerManager", SystemCmdlets::features);
        c.add("Add-WindowsFeature", "Name@0,IncludeAllSubFeature!,Restart!,Concurrent!,LogPath,?", "ServerManager", SystemCmdlets::addFeature);
        c.add("Restart-Computer", "ComputerName@0,Force!,Wait!,?", x -> shell(x, "shutdown /r /t 0"));
        c.add("Stop-Computer", "ComputerName@0,Force!,?", x -> shell(x, "shutdown /s /t 0"));
    }

    private static void shell(CmdletCall c, String line) {
        try {
            c.session.host.external(line, l -> { }, l -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsInterpreter.Stopped();
        }
    }

    private static void getProcess(CmdletCall c) {
        List<PsObject> all = SystemObjects.processes(c.session);
        if (c.has("Id")) {
            for (Object id : c.list("Id")) {
                int pid = PsConvert.toInt(id);
                PsObject p = all.stream().filter(x -> PsConvert.toInt(x.get("Id")) == pid).findFirst().orElse(null);
                if (p == null) {
                    c.error(c.err("Cannot find a process with the process identifier " + pid + ".", "ObjectNotFound: (" + pid
                            + ":Int32) [Get-Process], ProcessCommandException", "NoProcessFoundForGivenId"));
                } else {
                    c.out(p);
                }
            }
            return;
        }
        List<Object> names = c.list("Name");
        if (names.isEmpty() && c.input != null) {
            names = c.input;
        }
        if (names.isEmpty()) {
            all.forEach(c::out);
            return;
        }
        for (Object n : names) {
            String pattern = PsConvert.str(n);
            List<PsObject> hit = all.stream().filter(p -> Wildcard.matches(pattern, PsConvert.str(p.get("ProcessName")), true)).toList();
            if (hit.isEmpty() && !Wildcard.hasWildcard(pattern)) {
                c.error(c.err("Cannot find a process with the name \"" + pattern + "\". Verify the process name and call the cmdlet again.",
                        "ObjectNotFound: (" + pattern + ":String) [Get-Process], ProcessCommandException", "NoProcessFoundForGivenName"));
            }
            hit.forEach(c::out);
        }
    }

    private static List<PsObject> targets(CmdletCall c) {
        List<PsObject> all = SystemObjects.processes(c.session);
        List<PsObject> out = new ArrayList<>();
        if (c.has("Id")) {
            for (Object id : c.list("Id")) {
                int pid = PsConvert.toInt(id);
                PsObject p = all.stream().filter(x -> PsConvert.toInt(x.get("Id")) == pid).findFirst().orElse(null);
                if (p == null) {
                    c.error(c.err("Cannot find a process with the process identifier " + pid + ".", "ObjectNotFound: (" + pid
                            + ":Int32) [" + c.def.name() + "], ProcessCommandException", "NoProcessFoundForGivenId"));
                } else {
                    out.add(p);
                }
            }
        } else if (c.has("Name")) {
            for (Object n : c.list("Name")) {
                String pattern = PsConvert.str(n);
                List<PsObject> hit = all.stream().filter(p -> Wildcard.matches(pattern, PsConvert.str(p.get("ProcessName")), true)).toList();
                if (hit.isEmpty() && !Wildcard.hasWildcard(pattern)) {
                    c.error(c.err("Cannot find a process with the name \"" + pattern + "\". Verify the process name and call the cmdlet"
                            + " again.", "ObjectNotFound: (" + pattern + ":String) [" + c.def.name() + "], ProcessCommandException",
                            "NoProcessFoundForGivenName"));
                }
                out.addAll(hit);
            }
        } else {
            for (Object o : c.inputOr("InputObject")) {
                if (o instanceof PsObject p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void stopProcess(CmdletCall c) {
        for (PsObject p : targets(c)) {
            String err = c.session.host.stopProcess(PsConvert.toInt(p.get("Id")));
            if (err != null) {
                c.error(c.err("Cannot stop process \"" + p.get("ProcessName") + " (" + p.get("Id") + ")\" because of the following error: "
                        + err, "CloseError: (System.Diagnostics.Process (" + p.get("ProcessName") + "):Process) [Stop-Process],"
                        + " ProcessCommandException", "CouldNotStopProcess"));
            } else if (c.sw("PassThru")) {
                c.out(p);
            }
        }
    }

    private static void waitProcess(CmdletCall c) {
        long deadline = c.has("Timeout") ? c.session.host.now().toEpochMilli() + PsConvert.toLong(c.get("Timeout")) * 1000 : Long.MAX_VALUE;
        for (PsObject p : targets(c)) {
            int pid = PsConvert.toInt(p.get("Id"));
            while (SystemObjects.alive(c.session, pid)) {
                if (c.session.host.now().toEpochMilli() >= deadline) {
                    c.error(c.err("This command stopped operation of \"" + p.get("ProcessName") + " (" + pid + ")\" because of the"
                            + " following error: The operation has timed out.", "CloseError: (System.Diagnostics.Process ("
                            + p.get("ProcessName") + "):Process) [Wait-Process], TimeoutException", "ProcessNotTerminated"));
                    return;
                }
                c.ev.checkStopped();
                SystemObjects.sleep(c.session, 100);
            }
        }
    }

    private static void startProcess(CmdletCall c) {
        String file = c.str("FilePath");
        StringBuilder args = new StringBuilder();
        for (Object a : c.list("ArgumentList")) {
            args.append(args.length() == 0 ? "" : " ").append(PsConvert.str(a));
        }
        Object proc;
        try {
            proc = SystemObjects.startProcess(c.session, file, args.toString());
        } catch (NetException e) {
            throw c.err("This command cannot be executed due to the error: The system cannot find the file specified.",
                    "InvalidOperation: (:) [Start-Process], InvalidOperationException", "InvalidOperationException");
        }
        if (c.sw("Wait") && proc instanceof PsObject p) {
            int pid = PsConvert.toInt(p.get("Id"));
            while (SystemObjects.alive(c.session, pid)) {
                c.ev.checkStopped();
                SystemObjects.sleep(c.session, 100);
            }
        }
        if (c.sw("PassThru")) {
            c.out(proc);
        }
    }

    private static void getDate(CmdletCall c) {
        PsDateTime d = c.has("Date") ? Dates.parse(c.get("Date")) : Dates.now(c.session.host);
        java.time.LocalDateTime t = d.time();
        if (c.has("Year")) {
            t = t.withYear(PsConvert.toInt(c.get("Year")));
        }
        if (c.has("Month")) {
            t = t.withMonth(PsConvert.toInt(c.get("Month")));
        }
        if (c.has("Day")) {
            t = t.withDayOfMonth(PsConvert.toInt(c.get("Day")));
        }
        if (c.has("Hour")) {
            t = t.withHour(PsConvert.toInt(c.get("Hour")));
        }
        if (c.has("Minute")) {
            t = t.withMinute(PsConvert.toInt(c.get("Minute")));
        }
        if (c.has("Second")) {
            t = t.withSecond(PsConvert.toInt(c.get("Second")));
        }
        d = new PsDateTime(t, d.utc());
        if (c.has("Format")) {
            c.out(DotNetFormat.date(d, c.str("Format")));
        } else if (c.has("UFormat")) {
            c.out(UFormat.format(d, c.str("UFormat")));
        } else {
            c.out(d);
        }
    }

    private static void newTimeSpan(CmdletCall c) {
        if (c.has("Start") || c.has("End")) {
            PsDateTime now = Dates.now(c.session.host);
            PsDateTime s = c.has("Start") ? Dates.parse(c.get("Start")) : now;
            PsDateTime e = c.has("End") ? Dates.parse(c.get("End")) : now;
            c.out(new PsTimeSpan(Duration.between(s.time(), e.time())));
            return;
        }
        Duration d = Duration.ofDays(c.has("Days") ? PsConvert.toLong(c.get("Days")) : 0)
                .plusHours(c.has("Hours") ? PsConvert.toLong(c.get("Hours")) : 0)
                .plusMinutes(c.has("Minutes") ? PsConvert.toLong(c.get("Minutes")) : 0)
                .plusSeconds(c.has("Seconds") ? PsConvert.toLong(c.get("Seconds")) : 0);
        c.out(new PsTimeSpan(d));
    }

    private static void random(CmdletCall c) {
        java.util.Random r = c.has("SetSeed") ? new java.util.Random(PsConvert.toLong(c.get("SetSeed"))) : RANDOM;
        List<Object> pool = c.has("InputObject") ? c.list("InputObject") : c.input;
        if (pool != null && !pool.isEmpty()) {
            int count = c.has("Count") ? PsConvert.toInt(c.get("Count")) : 1;
            List<Object> copy = new ArrayList<>(pool);
            java.util.Collections.shuffle(copy, r);
            copy.subList(0, Math.min(count, copy.size())).forEach(c::out);
            return;
        }
        Object max = c.get("Maximum");
        Object min = c.get("Minimum");
        if (max instanceof Double || min instanceof Double) {
            double lo = min == null ? 0 : PsConvert.toDouble(min);
            double hi = max == null ? Double.MAX_VALUE : PsConvert.toDouble(max);
            c.out(lo + r.nextDouble() * (hi - lo));
            return;
        }
        long lo = min == null ? 0 : PsConvert.toLong(min);
        long hi = max == null ? Integer.MAX_VALUE : PsConvert.toLong(max);
        if (hi <= lo) {
            throw c.err("The Minimum value (" + lo + ") cannot be greater than or equal to the Maximum value (" + hi + ").",
                    "InvalidArgument: (:) [Get-Random], ArgumentException", "MinGreaterThanOrEqualMax");
        }
        long v = lo + (long) (r.nextDouble() * (hi - lo));
        c.out(v <= Integer.MAX_VALUE && v >= Integer.MIN_VALUE ? (Object) (int) v : v);
    }

    private static void hotfix(CmdletCall c) {
        List<Object> ids = c.list("Id");
        for (Object o : WmiCmdlets.hotfixes(c.session, true)) {
            PsObject h = (PsObject) o;
            if (!ids.isEmpty() && ids.stream().noneMatch(i -> PsConvert.str(i).equalsIgnoreCase(PsConvert.str(h.get("HotFixID"))))) {
                continue;
            }
            if (c.has("Description") && !Wildcard.matches(c.str("Description"), PsConvert.str(h.get("Description")), true)) {
                continue;
            }
            c.out(h);
        }
        for (Object i : ids) {
            boolean found = WmiCmdlets.hotfixes(c.session, true).stream().anyMatch(h -> PsConvert.str(((PsObject) h).get("HotFixID"))
                    .equalsIgnoreCase(PsConvert.str(i)));
            if (!found) {
                c.error(c.err("Cannot find the requested hotfix on the '" + c.session.host.computerName().toLowerCase(Locale.ROOT)
                        + "' computer. Verify the input and run your command again.", "ObjectNotFound: (:) [Get-HotFix], ArgumentException",
                        "GetHotFixNoEntriesFound"));
            }
        }
    }

    private static void eventLog(CmdletCall c) {
        if (c.sw("List")) {
            for (String log : List.of("Application", "HardwareEvents", "Internet Explorer", "Key Management Service", "Media Center",
                    "Security", "System", "Windows PowerShell")) {
                PsObject o = new PsObject("System.Diagnostics.EventLog");
                o.put("Log", log);
                o.put("Entries", c.session.host.events(log).size());
                o.defaultDisplay = List.of("Log", "Entries");
                c.out(o);
            }
            return;
        }
        String log = c.str("LogName");
        if (log == null) {
            throw c.err("Cannot process command because of one or more missing mandatory parameters: LogName.",
                    "InvalidArgument: (:) [Get-EventLog], ParameterBindingException", "MissingMandatoryParameter");
        }
        if (!List.of("application", "system", "security", "windows powershell", "hardwareevents").contains(log.toLowerCase(Locale.ROOT))) {
            c.error(c.err("The event log '" + log + "' on computer '.' does not exist.", "NotSpecified: (:) [Get-EventLog],"
                    + " InvalidOperationException", "System.InvalidOperationException"));
            return;
        }
        List<PsHost.EventRow> rows = new ArrayList<>(c.session.host.events(log));
        java.util.Collections.reverse(rows); // newest first, as the event log enumerates
        int newest = c.has("Newest") ? PsConvert.toInt(c.get("Newest")) : Integer.MAX_VALUE;
        int n = 0;
        for (PsHost.EventRow e : rows) {
            if (n >= newest) {
                break;
            }
            if (c.has("EntryType") && c.list("EntryType").stream().noneMatch(t -> PsConvert.str(t).equalsIgnoreCase(e.entryType()))) {
                continue;
            }
            if (c.has("Source") && c.list("Source").stream().noneMatch(s -> Wildcard.matches(PsConvert.str(s), e.source(), true))) {
                continue;
            }
            if (c.has("InstanceId") && c.list("InstanceId").stream().noneMatch(i -> PsConvert.toLong(i) == e.eventId())) {
                continue;
            }
            PsDateTime t = Dates.of(e.time(), c.session.host.zone());
            if (c.has("After") && Compare.compare(t, Dates.parse(c.get("After")), false) <= 0) {
                continue;
            }
            if (c.has("Before") && Compare.compare(t, Dates.parse(c.get("Before")), false) >= 0) {
                continue;
            }
            if (c.has("Message") && !Wildcard.matches(c.str("Message"), e.message(), true)) {
                continue;
            }
            PsObject o = new PsObject("System.Diagnostics.EventLogEntry");
            o.typeNames.add(0, "System.Diagnostics.EventLogEntry#" + log + "/" + e.source() + "/" + e.eventId());
            o.put("EventID", e.eventId());
            o.put("MachineName", c.session.host.computerName());
            o.put("Data", new byte[0]);
            o.put("Index", e.index());
            o.put("Category", "(0)");
            o.put("CategoryNumber", 0);
            o.put("EntryType", e.entryType());
            o.put("Message", e.message());
            o.put("Source", e.source());
            o.put("ReplacementStrings", new Object[0]);
            o.put("InstanceId", (long) e.eventId());
            o.put("TimeGenerated", t);
            o.put("TimeWritten", t);
            o.put("UserName", null);
            c.out(c.sw("AsString") ? e.message() : o);
            n++;
        }
        if (n == 0 && !rows.isEmpty() && (c.has("EntryType") || c.has("Source") || c.has("InstanceId"))) {
            c.error(c.err("No matches found", "ObjectNotFound: (:) [Get-EventLog], ArgumentException",
                    "GetEventLogNoEntriesFound"));
        }
    }

    private static void features(CmdletCall c) {
        List<Object> names = c.list("Name");
        for (PsHost.FeatureRow f : c.session.host.features()) {
            if (!names.isEmpty() && names.stream().noneMatch(n -> Wildcard.matches(PsConvert.str(n), f.name(), true))) {
                continue;
            }
            c.out(feature(c, f));
        }
    }

    private static PsObject feature(CmdletCall c, PsHost.FeatureRow f) {
        PsObject o = new PsObject("Microsoft.Windows.ServerManager.Commands.Feature");
        int depth = 1;
        for (String p = f.parent(); p != null; ) {
            depth++;
            String parent = p;
            p = c.session.host.features().stream().filter(x -> x.name().equalsIgnoreCase(parent)).map(PsHost.FeatureRow::parent)
                    .findFirst().orElse(null);
        }
        o.put("DisplayName", f.displayName());
        o.put("Name", f.name());
        o.put("Installed", f.installed());
        o.put("FeatureType", f.parent() == null ? "Role" : "Role Service");
        o.put("Path", f.displayName());
        o.put("Depth", depth);
        o.put("DependsOn", new Object[0]);
        o.put("Parent", f.parent());
        o.put("SubFeatures", new Object[0]);
        o.put("SystemService", new Object[0]);
        o.put("Notification", new Object[0]);
        o.put("BestPracticesModelId", null);
        o.defaultDisplay = List.of("DisplayName", "Name");
        return o;
    }

    private static void addFeature(CmdletCall c) {
        List<Object> installed = new ArrayList<>();
        boolean restart = false;
        for (Object n : c.list("Name")) {
            String name = PsConvert.str(n);
            PsHost.FeatureRow f = c.session.host.features().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst().orElse(null);
            if (f == null) {
                throw c.err("ArgumentNotValid: The role, role service, or feature name is not valid: '" + name + "'. The name was not"
                        + " found.", "InvalidArgument: (" + name + ":String) [Add-WindowsFeature], Exception",
                        "NameDoesNotExist");
            }
            if (!f.installed()) {
                c.session.host.installFeature(f.name());
                installed.add(f.displayName());
            }
        }
        PsObject r = new PsObject("Microsoft.Windows.ServerManager.Commands.FeatureOperationResult");
        r.put("Success", true);
        r.put("Restart Needed", restart ? "Yes" : "No");
        r.put("Exit Code", installed.isEmpty() ? "NoChangeNeeded" : "Success");
        r.put("Feature Result", installed.isEmpty() ? new Object[0] : installed.toArray());
        r.defaultDisplay = List.of("Success", "Restart Needed", "Exit Code", "Feature Result");
        c.out(r);
    }
}
