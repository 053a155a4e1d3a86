package dev.reprolab.sim.guest.tools.ps;

import java.util.List;
import java.util.function.Consumer;

/**
 * The switch statement: each input value (arrays enumerate) against each clause in order — equality, -wildcard,
 * -regex (setting $matches) or a script block condition — running every matching body unless break/continue.
 */
final class SwitchRunner {

    private SwitchRunner() {
    }

    static void run(Evaluator ev, Ast.Switch sw, Scope scope, Consumer<Object> out) {
        Object subject = ev.value(sw.subject(), scope);
        List<Object> values;
        if (sw.file()) {
            String path = IoStatics.full(ev.session, subject);
            try {
                values = new java.util.ArrayList<>(FileText.lines(FileText.decode(java.nio.file.Files.readAllBytes(ev.session.host.file(path)),
                        java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new PsError("Cannot find path '" + path + "' because it does not exist.", "ObjectNotFound: (:) [], RuntimeException",
                        "PathNotFound");
            }
        } else {
            values = PsConvert.isEnumerable(subject) ? PsConvert.items(subject) : java.util.Collections.singletonList(subject);
        }
        Object savedUnder = scope.get("_");
        try {
            for (Object v : values) {
                scope.setLocal("_", v);
                boolean matched = false;
                Ast.SwitchClause fallback = null;
                try {
                    for (Ast.SwitchClause c : sw.clauses()) {
                        if (c.pattern() == null) {
                            fallback = c;
                            continue;
                        }
                        if (matches(ev, sw, c.pattern(), v, scope)) {
                            matched = true;
                            ev.exec(c.body().statements(), scope, out);
                        }
                    }
                    if (!matched && fallback != null) {
                        ev.exec(fallback.body().statements(), scope, out);
                    }
                } catch (Flow.Continue c) {
                    if (!c.matches(sw.label())) {
                        throw c;
                    }
                }
            }
        } catch (Flow.Break b) {
            if (!b.matches(sw.label())) {
                throw b;
            }
        } finally {
            scope.setLocal("_", savedUnder);
        }
    }

    private static boolean matches(Evaluator ev, Ast.Switch sw, Ast.Expr pattern, Object v, Scope scope) {
        if (pattern instanceof Ast.ScriptBlockExpr sb) {
            return PsConvert.truthy(ev.commands.callScriptBlock(new PsScriptBlock(sb.block()), scope, List.of(), v));
        }
        Object p = ev.expr.eval(pattern, scope);
        if (sw.regex()) {
            java.util.regex.Pattern re = DotNetRegex.compile(PsConvert.str(p), !sw.caseSensitive());
            java.util.regex.Matcher m = re.matcher(PsConvert.str(v));
            if (m.find()) {
                scope.set("matches", DotNetRegex.matchesTable(m, re));
                return true;
            }
            return false;
        }
        if (sw.wildcard()) {
            return Wildcard.matches(PsConvert.str(p), PsConvert.str(v), !sw.caseSensitive());
        }
        return Compare.equal(v, p, sw.caseSensitive());
    }
}
