package dev.reprolab.sim.guest.tools.ps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The redirections of one pipeline element: {@code 2>&1} merges error records into the output, {@code > file} /
 * {@code >> file} send the output to a file as Out-File does (Unicode with BOM), {@code 2> file} the errors.
 */
final class Redirection {

    private final Evaluator ev;
    private final Consumer<Object> output;
    private final Consumer<Object> savedErrorRedirect;
    private final List<Runnable> closers = new ArrayList<>();

    private Redirection(Evaluator ev, Consumer<Object> output, Consumer<Object> savedErrorRedirect) {
        this.ev = ev;
        this.output = output;
        this.savedErrorRedirect = savedErrorRedirect;
    }

    Consumer<Object> output() {
        return output;
    }

    static Redirection open(Evaluator ev, List<Ast.Redirect> redirects, Scope scope, Consumer<Object> sink) {
        Consumer<Object> saved = ev.session.errorRedirect;
        if (redirects.isEmpty()) {
            return new Redirection(ev, sink, saved);
        }
        Consumer<Object> out = sink;
        Redirection r = null;
        List<Runnable> closers = new ArrayList<>();
        Consumer<Object> errors = saved;
        for (Ast.Redirect d : redirects) {
            if (d.toOutput()) {
                continue;
            }
            String path = IoStatics.full(ev.session, ev.expr.eval(d.target(), scope));
            StringBuilder text = new StringBuilder();
            OutDefault fmt = new OutDefault(ev, text::append, 80);
            Consumer<Object> fileSink = fmt;
            boolean append = d.append();
            closers.add(() -> {
                fmt.end();
                OutputFiles.write(ev.session, path, text.toString(), append, StandardCharsets.UTF_16LE, true);
            });
            if (d.stream() == 2) {
                errors = fileSink;
            } else {
                out = fileSink;
            }
        }
        for (Ast.Redirect d : redirects) {
            if (d.toOutput()) {
                errors = out;
            }
        }
        r = new Redirection(ev, out, saved);
        r.closers.addAll(closers);
        ev.session.errorRedirect = errors;
        return r;
    }

    void close() {
        ev.session.errorRedirect = savedErrorRedirect;
        for (Runnable c : closers) {
            c.run();
        }
    }
}
