package dev.reprolab.sim.guest.tools.ps;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One powershell.exe process: the global scope with the automatic variables of PowerShell 2.0, the environment
 * block, the current location, the error list, and where output and errors go.
 */
final class Session {

    final PsHost host;
    final Consumer<String> out;
    final Consumer<String> err;
    final Scope global = new Scope(null);
    final Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final PsArrayList errors = new PsArrayList();
    final Evaluator eval;
    final Cmdlets cmdlets;
    /** The text the running code was parsed from (error positions refer to it). */
    String source = "";
    boolean lastSuccess = true;
    /** Errors written so far (a pipeline that wrote one leaves $? false). */
    int errorCount;
    String location;
    final java.util.Deque<String> locationStack = new java.util.ArrayDeque<>();
    String executionPolicy = "Restricted";
    /** The script file running now (for $MyInvocation.ScriptName), null at the command line. */
    String scriptPath;
    /** How the next invocation describes itself in $MyInvocation: set by the caller of a script or function. */
    java.util.function.Function<PsHashtable, PsObject> nextInvocation;
    boolean strictMode;
    /** Modules imported with Import-Module (lower case). */
    final java.util.Set<String> modules = new java.util.HashSet<>();
    /** Console width for Out-Default; 80 columns, as a console created for a WinRM shell has. */
    int width = 80;
    /** Where error records go while a {@code 2>&1} redirection is active, else null (the error stream). */
    Consumer<Object> errorRedirect;

    Session(PsHost host, Consumer<String> out, Consumer<String> err) {
        this.host = host;
        this.out = out;
        this.err = err;
        this.location = host.currentDirectory();
        this.cmdlets = Cmdlets.standard();
        this.eval = new Evaluator(this);
        env.putAll(host.environment());
        AutomaticVariables.define(this);
        warmUp();
    }

    private static volatile boolean warm;

    /**
     * Loads the formatter, binder and conversion classes once per process, as powershell.exe's start-up does, so
     * a script's first loop iteration is not slower than the next ones (pollers measure their period).
     */
    private void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        StringBuilder sink = new StringBuilder();
        OutDefault f = new OutDefault(eval, sink::append, 79);
        f.accept("x");
        f.accept(new PsVersion(2, 0, -1, -1));
        f.end();
        DotNetFormat.date(Dates.utcNow(host), "o");
        DotNetFormat.format("{0:N2}", java.util.List.of(1.5));
        Compare.compare("a", "b", false);
        Parser.parse("$x = 1; Write-Output ('a' + [DateTime]::UtcNow.ToString('o')) | Out-Null");
    }

    /** Writes an error record to the error stream ({@code 2>&1} sends it to {@code out} instead). */
    void reportError(PsError e, Consumer<Object> output) {
        if (e.source == null) {
            e.source = source;
        }
        PsErrorRecord rec = new PsErrorRecord(e);
        errors.add(0, rec);
        errorCount++;
        lastSuccess = false;
        if (errorRedirect != null) {
            errorRedirect.accept(rec);
            return;
        }
        err.accept(rec.render());
    }

    /** Whether errors should stop: the ErrorActionPreference (or -ErrorAction) value is Stop. */
    String errorAction(Scope scope) {
        return PsConvert.str(scope.get("ErrorActionPreference")).toLowerCase(Locale.ROOT);
    }
}
