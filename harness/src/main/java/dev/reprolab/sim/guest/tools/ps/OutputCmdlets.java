package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/** Write-Host/Output/Error/Warning/Verbose/Debug/Progress, Out-String, Out-File, Out-Host, Out-Default. */
final class OutputCmdlets {

    private OutputCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Write-Output", "InputObject@0,~", x -> {
            for (Object v : x.has("InputObject") ? x.list("InputObject") : x.input == null ? List.of() : x.input) {
                x.outAll(v);
            }
            x.remaining().forEach(x::outAll);
        });
        c.add("Write-Host", "Object@0,NoNewline!,Separator,ForegroundColor,BackgroundColor,~", OutputCmdlets::host);
        c.add("Write-Error", "Message@0,Category,ErrorId,TargetObject,Exception,ErrorRecord,RecommendedAction,CategoryActivity,"
                + "CategoryReason,CategoryTargetName,CategoryTargetType", OutputCmdlets::writeError);
        c.add("Write-Warning", "Message@0", x -> x.session.out.accept("WARNING: " + x.str("Message") + "\r\n"));
        c.add("Write-Verbose", "Message@0", x -> stream(x, "VerbosePreference", "Verbose", "VERBOSE: "));
        c.add("Write-Debug", "Message@0", x -> stream(x, "DebugPreference", "Debug", "DEBUG: "));
        c.add("Write-Progress", "Activity@0,Status@1,Id,PercentComplete,SecondsRemaining,CurrentOperation,ParentId,Completed!,SourceId",
                x -> { });
        c.add("Out-String", "InputObject,Width,Stream!", OutputCmdlets::outString);
        c.add("Out-File", "FilePath@0,Encoding@1,Append!,Force!,NoClobber!,Width,InputObject,?", OutputCmdlets::outFile);
        c.add("Out-Host", "InputObject,Paging!", x -> toHost(x));
        c.add("Out-Default", "InputObject", x -> toHost(x));
        c.add("Read-Host", "Prompt@0,AsSecureString!", x -> {
            throw x.err("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
                    "InvalidOperation: (:) [Read-Host], PSInvalidOperationException", "InvalidOperation");
        });
    }

    private static void host(CmdletCall c) {
        StringBuilder sb = new StringBuilder();
        String sep = c.has("Separator") ? c.str("Separator") : " ";
        List<Object> values = new java.util.ArrayList<>(c.list("Object"));
        values.addAll(c.remaining());
        if (!c.has("Object") && c.input != null) {
            values.addAll(c.input);
        }
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            sb.append(i == 0 ? "" : sep).append(PsConvert.isEnumerable(v) ? String.join(sep, PsConvert.items(v).stream().map(PsConvert::str).toList())
                    : PsConvert.str(v));
        }
        c.session.out.accept(sb + (c.sw("NoNewline") ? "" : "\r\n"));
    }

    private static void writeError(CmdletCall c) {
        String msg = c.has("Exception") ? PsConvert.str(c.get("Exception")) : c.str("Message");
        if (c.get("ErrorRecord") instanceof PsErrorRecord r) {
            c.error(r.error);
            return;
        }
        String category = c.has("Category") ? c.str("Category") : "NotSpecified";
        Object fn = c.scope.get("__function_name");
        String who = fn != null ? PsConvert.str(fn) : lineOf(c);
        PsError e = new PsError(msg, category + ": (:) [Write-Error], WriteErrorException",
                c.has("ErrorId") ? c.str("ErrorId") : "Microsoft.PowerShell.Commands.WriteErrorException");
        e.type("Microsoft.PowerShell.Commands.WriteErrorException");
        e.prefix = who;
        c.errorAction = c.errorAction;
        String savedName = c.def.name();
        assert savedName != null;
        c.error(e);
    }

    /** The script line a top-level Write-Error is on: 2.0 names the invocation by its text. */
    private static String lineOf(CmdletCall c) {
        String src = c.session.source;
        int p = Math.min(Math.max(c.pos, 0), src.length());
        int start = src.lastIndexOf('\n', Math.max(0, p - 1)) + 1;
        int end = src.indexOf('\n', p);
        return src.substring(start, end < 0 ? src.length() : end).replace("\r", "").trim();
    }

    private static void stream(CmdletCall c, String pref, String param, String prefix) {
        boolean on = c.sw(param) || PsConvert.str(c.scope.get(pref)).equalsIgnoreCase("Continue");
        if (on) {
            c.session.out.accept(prefix + c.str("Message") + "\r\n");
        }
    }

    static String render(CmdletCall c, List<Object> items, int width) {
        StringBuilder sb = new StringBuilder();
        OutDefault f = new OutDefault(c.ev, sb::append, width);
        items.forEach(f);
        f.end();
        return sb.toString();
    }

    private static void outString(CmdletCall c) {
        int width = c.has("Width") ? PsConvert.toInt(c.get("Width")) : 80;
        String text = render(c, c.inputOr("InputObject"), width);
        if (c.sw("Stream")) {
            for (String l : FileText.lines(text)) {
                c.out(l);
            }
        } else {
            c.out(text);
        }
    }

    private static void outFile(CmdletCall c) {
        int width = c.has("Width") ? PsConvert.toInt(c.get("Width")) : 80;
        String path = c.path(c.get("FilePath"));
        if (c.sw("NoClobber") && java.nio.file.Files.exists(c.session.host.file(path))) {
            throw c.err("The file '" + path + "' already exists.", "ResourceExists: (" + path + ":String) [Out-File], IOException",
                    "NoClobber");
        }
        String text = render(c, c.inputOr("InputObject"), width);
        String enc = c.str("Encoding");
        java.nio.charset.Charset cs = OutputFiles.encoding(enc == null ? "unicode" : enc, java.nio.charset.StandardCharsets.UTF_16LE);
        boolean bom = enc == null || !(enc.equalsIgnoreCase("ascii") || enc.equalsIgnoreCase("default") || enc.equalsIgnoreCase("oem"));
        OutputFiles.write(c.session, path, text, c.sw("Append"), cs, bom);
    }

    private static void toHost(CmdletCall c) {
        c.session.out.accept(render(c, c.inputOr("InputObject"), c.session.width - 1));
    }
}
