package dev.reprolab.workload;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What counts as "reproduced", as data: a list of rules, any one of which is enough; a rule is one condition or
 * several that must all hold ({@code all: [...]}). The default is the case's rule: a stop that stays pending past the
 * deadline with its process surviving {@code taskkill /f}, or a service that stopped while its port is still listed
 * LISTENING.
 */
public record ReproducedWhen(List<Rule> rules) {

    /** One observable condition of a trial. */
    public enum Condition {
        /** The service is still STOP_PENDING at the stop deadline with its checkpoint no longer advancing. */
        STOP_PENDING_PAST_DEADLINE("stop-pending-past-deadline"),
        /** A watched process was still there after {@code taskkill /f}. */
        PROCESS_UNKILLABLE("process-unkillable"),
        /** The service reached STOPPED but its port is still listed LISTENING. */
        PORT_STUCK("port-stuck"),
        /** After the stop, the start command did not bring the service back to RUNNING (its error text is kept). */
        RESTART_FAILS("restart-fails"),
        /** A named hook's step failed (exit code not 0, or its deadline passed). */
        STEP_FAILS("step-fails");

        private final String key;

        Condition(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Condition> of(String key) {
            for (Condition c : values()) {
                if (c.key.equals(key)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** A condition as a rule names it; {@code hook} only for {@link Condition#STEP_FAILS}. */
    public record Term(Condition condition, Optional<Hook> hook) {

        public static Term of(Condition c) {
            return new Term(c, Optional.empty());
        }

        @Override
        public String toString() {
            return hook.map(h -> condition.key() + ": " + h.key()).orElse(condition.key());
        }
    }

    /** Terms that must all hold. */
    public record Rule(List<Term> all) {

        public boolean matches(Set<Term> observed) {
            return observed.containsAll(all);
        }

        public boolean mentions(Condition c) {
            return all.stream().anyMatch(t -> t.condition() == c);
        }

        @Override
        public String toString() {
            return all.size() == 1 ? all.get(0).toString() : all.stream().map(Term::toString).collect(Collectors.joining(" + "));
        }
    }

    /** The case's rule (the harness's only rule before rules were data). */
    public static final ReproducedWhen DEFAULT = new ReproducedWhen(List.of(
            new Rule(List.of(Term.of(Condition.STOP_PENDING_PAST_DEADLINE), Term.of(Condition.PROCESS_UNKILLABLE))),
            new Rule(List.of(Term.of(Condition.PORT_STUCK)))));

    public ReproducedWhen {
        rules = List.copyOf(rules);
    }

    /** The first rule the observations satisfy, if any. */
    public Optional<Rule> match(Set<Term> observed) {
        return rules.stream().filter(r -> r.matches(observed)).findFirst();
    }

    public boolean mentions(Condition c) {
        return rules.stream().anyMatch(r -> r.mentions(c));
    }

    /** Whether a failing step of this hook counts as a reproduction (rather than a broken scenario). */
    public boolean countsFailureOf(Hook hook) {
        return rules.stream().anyMatch(r -> r.all().contains(new Term(Condition.STEP_FAILS, Optional.of(hook))));
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::toString).collect(Collectors.joining(" or "));
    }
}
