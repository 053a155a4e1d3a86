package dev.reprolab.windows.text;

/**
 * The text is not the output a parser expected. {@link #line()} is the 1-based line at which the parser gave up
 * (0 when the input was empty); {@link #kind()} names the expected output.
 */
public final class ParseException extends RuntimeException {

    private final String kind;
    private final int line;
    private final String what;

    public ParseException(String kind, int line, String what) {
        super("line " + line + ": expected " + kind + " output: " + what);
        this.kind = kind;
        this.line = line;
        this.what = what;
    }

    public String kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    /** What was wrong, without the location. */
    public String what() {
        return what;
    }
}
