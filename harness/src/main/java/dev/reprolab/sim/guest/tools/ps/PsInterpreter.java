package dev.reprolab.sim.guest.tools.ps;

import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The PowerShell 2.0 engine of the simulated guest: parses a whole script (a syntax error anywhere runs nothing),
 * runs it statement by statement, formats its output as Out-Default does and writes errors in 2.0's layout.
 * Variables survive between {@link #run} calls, which is how {@code powershell -Command -} runs each stdin line.
 */
public final class PsInterpreter {

    private final Session session;
    private boolean lastFailed;
    private final StringBuilder pending = new StringBuilder();

    /**
     * @param out receives stdout text (CRLF line ends) as statements produce it
     * @param err receives error records (CRLF)
     */
    public PsInterpreter(PsHost host, Consumer<String> out, Consumer<String> err) {
        this.session = new Session(host, out, err);
    }

    /** Whether the last script's last statement failed: powershell.exe -Command then exits 1. */
    public boolean hadError() {
        return lastFailed;
    }

    /** Sets the execution policy given on the command line ({@code -ExecutionPolicy Bypass}). */
    public void executionPolicy(String policy) {
        session.executionPolicy = policy;
    }

    /** Closes every stream the script left open (the process is exiting). */
    public void closeAll() {
        for (Object[] v : session.global.localVariables().values()) {
            if (v[1] instanceof PsFileStream s) {
                s.close();
            }
        }
    }

    /** The script {@code powershell -File path args} runs: the file invoked with its arguments (policy applies). */
    public String fileScript(String path, java.util.List<String> args) {
        StringBuilder sb = new StringBuilder("& '").append(path.replace("'", "''")).append('\'');
        for (String a : args) {
            if (a.matches("-[A-Za-z_][A-Za-z0-9_]*:?")) {
                sb.append(' ').append(a); // -Name binds the script's parameter, as powershell.exe -File does
            } else if (a.matches("-[A-Za-z_][A-Za-z0-9_]*:.+")) {
                int colon = a.indexOf(':');
                sb.append(' ').append(a, 0, colon + 1).append('\'').append(a.substring(colon + 1).replace("'", "''")).append('\'');
            } else {
                sb.append(" '").append(a.replace("'", "''")).append('\'');
            }
        }
        return sb.toString();
    }

    /** Thrown through the interpreter when the command is stopped (Ctrl+C, terminate). */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /**
     * Runs a script.
     *
     * @return the exit code when the script executed {@code exit}, empty otherwise
     */
    public OptionalInt run(String script) {
        Ast.ScriptBlock sb;
        try {
            sb = Parser.parse(script);
        } catch (PsError e) {
            e.source = script;
            session.err.accept(new PsErrorRecord(e).render());
            lastFailed = true;
            return OptionalInt.empty();
        }
        return execute(sb, script);
    }

    /**
     * Feeds one line of {@code -Command -} input: runs it when it completes a statement, keeps it while a
     * construct is still open (as the console host's continuation prompt does).
     */
    public OptionalInt runLine(String line) {
        pending.append(pending.length() == 0 ? "" : "\n").append(line);
        String text = pending.toString();
        Ast.ScriptBlock sb;
        try {
            sb = Parser.parse(text);
        } catch (PsError e) {
            if (e.incomplete && !line.isBlank()) {
                return OptionalInt.empty();
            }
            pending.setLength(0);
            e.source = text;
            session.err.accept(new PsErrorRecord(e).render());
            lastFailed = true;
            return OptionalInt.empty();
        }
        pending.setLength(0);
        return execute(sb, text);
    }

    private OptionalInt execute(Ast.ScriptBlock sb, String script) {
        String saved = session.source;
        session.source = script;
        OutDefault out = new OutDefault(session.eval, session.out, session.width - 1);
        lastFailed = false;
        session.global.setLocal("MyInvocation", Invocation.block(sb, new PsHashtable(), null));
        try {
            session.eval.invoke(sb, session.global, true, java.util.List.of(), java.util.Map.of(), null, false, out);
            lastFailed = !session.lastSuccess;
            return OptionalInt.empty();
        } catch (Flow.Exit e) {
            return OptionalInt.of(e.code);
        } catch (Flow.Break | Flow.Continue e) {
            return OptionalInt.empty();
        } catch (PsError e) {
            if (e.source == null) {
                e.source = script;
            }
            out.end();
            session.reportError(e, null);
            lastFailed = true;
            return OptionalInt.empty();
        } finally {
            out.end();
            session.source = saved;
        }
    }
}
