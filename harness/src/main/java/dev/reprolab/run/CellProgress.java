package dev.reprolab.run;

/**
 * The console's per-cell progress bar, {@code [######----]   6/10}: finished trials of the cell (resumed ones too)
 * against its planned N. A cell that stops when decided may end below N; one that received trials freed by settled
 * cells goes past it, and those extra trials are counted and named ({@code [##########]  12/10 +2 freed}), so the
 * console never hides trials that ran.
 */
final class CellProgress {

    static final int WIDTH = 10;

    private CellProgress() {
    }

    static String bar(long done, long planned) {
        int full = planned == 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / planned);
        String bar = "[" + "#".repeat(full) + "-".repeat(WIDTH - full) + "] " + String.format("%3d/%-3d", done, planned);
        return done > planned ? bar + "+" + (done - planned) + " freed" : bar;
    }
}
