package dev.reprolab.input;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The errors one validation pass finds: each check records its error and the pass goes on, so a user fixing a
 * scenario or a lab config sees every mistake at once instead of one per run. Checks that need an earlier one to have passed (the KBs
 * need the catalog) are skipped when it did not.
 */
public final class Problems {

    private final List<BadInputException> found = new ArrayList<>();

    public void add(BadInputException e) {
        found.add(e);
    }

    /** The check's value, or {@code fallback} after recording its error. */
    public <T> T attempt(Supplier<T> check, T fallback) {
        try {
            return check.get();
        } catch (BadInputException e) {
            found.add(e);
            return fallback;
        }
    }

    public boolean any() {
        return !found.isEmpty();
    }

    /** Ends the pass with every error found so far, if there is one. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw BadInputException.all(found);
        }
    }
}
