package dev.reprolab.report.bundle;

/** Names of the manifest entries, always the last two of a bundle. */
final class Manifest {
    static final String JSON = "manifest.json";
    static final String SUMS = "SHA256SUMS";

    private Manifest() {
    }
}
