package dev.reprolab.sim.guest.tools.ps;

/**
 * A PowerShell error record: the message line, the CategoryInfo and FullyQualifiedErrorId lines, and where in the
 * script it happened (the offset where PowerShell 2.0 draws its {@code <<<<} marker: just after the failing
 * command or member name).
 */
final class PsError extends RuntimeException {

    private final String category;
    private final String errorId;
    private int position = -1;
    /** A parse error at the end of the text: more lines could complete it ({@code -Command -} reads on). */
    boolean incomplete;
    /** The script text the position refers to (set where the error is first caught). */
    String source;
    /** Raised by {@code throw}: ends the whole script, not just the statement. */
    boolean thrown;
    /** The object a {@code throw} threw (the catch block's {@code $_.TargetObject}), or null. */
    Object thrownValue;
    /** The .NET exception type name for catch [Type] matching. */
    String exceptionType = "System.Management.Automation.RuntimeException";

    /** The command name PowerShell prints before the message ("Get-Item : ..."), not part of the exception's message. */
    String prefix;

    private static final java.util.regex.Pattern CMDLET_PREFIX = java.util.regex.Pattern.compile("^([A-Z][a-z]+-[A-Za-z]+) : (.*)$",
            java.util.regex.Pattern.DOTALL);

    PsError(String message, String category, String errorId) {
        super(stripPrefix(message), null, false, false);
        this.category = category;
        this.errorId = errorId;
        java.util.regex.Matcher m = CMDLET_PREFIX.matcher(message);
        if (m.matches()) {
            prefix = m.group(1);
        }
    }

    private static String stripPrefix(String message) {
        java.util.regex.Matcher m = CMDLET_PREFIX.matcher(message);
        return m.matches() ? m.group(2) : message;
    }

    /** The message line as the error stream shows it. */
    String displayMessage() {
        return prefix == null ? getMessage() : prefix + " : " + getMessage();
    }

    PsError type(String dotNetExceptionType) {
        this.exceptionType = dotNetExceptionType;
        return this;
    }

    /** Forces the marker position (an error re-raised at an outer construct). */
    PsError moveTo(int offset) {
        position = offset;
        return this;
    }

    String category() {
        return category;
    }

    String errorId() {
        return errorId;
    }

    int position() {
        return position;
    }

    /** Sets the marker position unless a more precise inner one was set already. */
    PsError at(int offset) {
        if (position < 0) {
            position = offset;
        }
        return this;
    }

    /** "The term 'X' is not recognized..." (PowerShell 2.0 wording). */
    static PsError notRecognized(String name) {
        return new PsError("The term '" + name + "' is not recognized as the name of a cmdlet, function, script file,"
                + " or operable program. Check the spelling of the name, or if a path was included, verify that the"
                + " path is correct and try again.",
                "ObjectNotFound: (" + name + ":String) [], CommandNotFoundException", "CommandNotFoundException")
                .type("System.Management.Automation.CommandNotFoundException");
    }

    /** A .NET exception thrown by a method PowerShell called. */
    static PsError dotNet(String method, int argCount, String message) {
        return new PsError("Exception calling \"" + method + "\" with \"" + argCount + "\" argument(s): \""
                + message + "\"", "NotSpecified: (:) [], MethodInvocationException", "DotNetMethodException")
                .type("System.Management.Automation.MethodInvocationException");
    }

    static PsError nullMethod(String method) {
        return new PsError("You cannot call a method on a null-valued expression.",
                "InvalidOperation: (" + method + ":String) [], RuntimeException", "InvokeMethodOnNull");
    }

    static PsError noMethod(String typeName, String method) {
        return new PsError("Method invocation failed because [" + typeName + "] doesn't contain a method named '"
                + method + "'.", "InvalidOperation: (" + method + ":String) [], RuntimeException", "MethodNotFound");
    }

    static PsError typeNotFound(String type) {
        return new PsError("Unable to find type [" + type + "]: make sure that the assembly containing this type is"
                + " loaded.", "InvalidOperation: (" + type + ":String) [], RuntimeException", "TypeNotFound");
    }

    static PsError pathNotFound(String cmdlet, String path) {
        String cmdClass = cmdlet.replace("-", "") + "Command";
        return new PsError(cmdlet + " : Cannot find path '" + path + "' because it does not exist.",
                "ObjectNotFound: (" + path + ":String) [" + cmdlet + "], ItemNotFoundException",
                "PathNotFound,Microsoft.PowerShell.Commands." + cmdClass)
                .type("System.Management.Automation.ItemNotFoundException");
    }

    static PsError parse(String message, String errorId) {
        return new PsError(message, "ParserError: (:) [], ParentContainsErrorRecordException", errorId)
                .type("System.Management.Automation.ParseException");
    }

    /** A runtime error PowerShell reports as RuntimeException. */
    static PsError runtime(String message, String errorId) {
        return new PsError(message, "InvalidOperation: (:) [], RuntimeException", errorId);
    }
}
