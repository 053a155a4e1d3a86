package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;

/**
 * Commands that are neither functions nor cmdlets: {@code .ps1} script files (subject to the execution policy,
 * Restricted by default on Server 2008 R2) and programs run through the guest, whose stdout lines become output
 * strings and whose stderr goes straight to the console, as powershell.exe passes it.
 */
final class External {

    private External() {
    }

    static boolean run(Evaluator ev, String name, Ast.Command cmd, List<Commands.Arg> args, Scope scope, List<Object> input,
                       Consumer<Object> out) {
        Session s = ev.session;
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".ps1")) {
            return script(ev, name, cmd, args, scope, input, out);
        }
        StringBuilder line = new StringBuilder(quote(name));
        for (Commands.Arg a : args) {
            line.append(' ');
            if (a.name() != null) {
                line.append('-').append(a.name());
                if (a.hasValue()) {
                    line.append(':').append(quote(PsConvert.str(a.value())));
                }
            } else {
                for (Object v : PsConvert.isEnumerable(a.value()) ? PsConvert.items(a.value()) : List.of(a.value() == null ? "" : a.value())) {
                    line.append(quote(PsConvert.str(v))).append(' ');
                }
                line.setLength(line.length() - 1);
            }
        }
        if (input != null && !input.isEmpty()) {
            // piped text goes to the program's stdin: our programs read none, so it is dropped as Windows would
            // when the program never reads it.
            assert true;
        }
        Integer rc;
        try {
            rc = s.host.external(line.toString(), l -> out.accept(l), l -> {
                if (s.errorRedirect != null) {
                    s.errorRedirect.accept(new PsErrorRecord(new PsError(l, "NotSpecified: (" + l + ":String) [], RemoteException",
                            "NativeCommandError")));
                } else {
                    s.err.accept(l + "\r\n");
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsInterpreter.Stopped();
        }
        if (rc == null) {
            throw PsError.notRecognized(name).at(cmd.nameEnd());
        }
        s.global.setLocal("LASTEXITCODE", rc);
        return rc == 0;
    }

    private static String quote(String s) {
        return s.isEmpty() ? "\"\"" : s.indexOf(' ') >= 0 && !s.startsWith("\"") ? "\"" + s + "\"" : s;
    }

    private static boolean script(Evaluator ev, String name, Ast.Command cmd, List<Commands.Arg> args, Scope scope,
                                  List<Object> input, Consumer<Object> out) {
        Session s = ev.session;
        String path = WinPath.resolve(s.location, name);
        if (!Files.isRegularFile(s.host.file(path))) {
            throw PsError.notRecognized(name).at(cmd.nameEnd());
        }
        String policy = s.executionPolicy.toLowerCase(java.util.Locale.ROOT);
        if (policy.equals("restricted") || policy.equals("allsigned")) {
            throw new PsError("File " + path + " cannot be loaded because the execution of scripts is disabled on this system."
                    + " Please see \"get-help about_signing\" for more details.",
                    "NotSpecified: (:) [], PSSecurityException", "RuntimeException").at(cmd.nameEnd());
        }
        String text;
        try {
            text = FileText.decode(Files.readAllBytes(s.host.file(path)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PsError(e.getMessage(), "ReadError: (:) [], IOException", "ReadError");
        }
        String from = s.scriptPath;
        s.nextInvocation = bound -> Invocation.script(path, bound, from);
        s.scriptPath = path;
        try {
            runScriptText(ev, text, scope, cmd.invocation() == '.', args, input, out);
        } finally {
            s.scriptPath = from;
            s.nextInvocation = null;
        }
        return true;
    }

    /** Parses and runs script text (a .ps1 file, or powershell.exe -File) with its own $args. */
    static void runScriptText(Evaluator ev, String text, Scope scope, boolean dot, List<Commands.Arg> args, List<Object> input,
                              Consumer<Object> out) {
        Session s = ev.session;
        Ast.ScriptBlock sb = Parser.parse(text);
        String savedSource = s.source;
        s.source = text;
        try {
            List<Object> positional = new java.util.ArrayList<>();
            java.util.Map<String, Object> named = new java.util.LinkedHashMap<>();
            Commands.pairArgs(sb, args, positional, named); // a script binds -Name value as a function does
            ev.invoke(sb, scope, dot, positional, named, input, false, out);
        } finally {
            s.source = savedSource;
        }
    }
}
