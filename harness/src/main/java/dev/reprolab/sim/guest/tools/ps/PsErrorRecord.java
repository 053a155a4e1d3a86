package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/**
 * System.Management.Automation.ErrorRecord: what {@code $_} is in a catch or trap block and what {@code $Error}
 * holds. Prints (ToString) as its message; rendered on the error stream in PowerShell 2.0's layout.
 */
final class PsErrorRecord implements DotNetObject {

    final PsError error;

    PsErrorRecord(PsError error) {
        this.error = error;
    }

    @Override
    public String typeName() {
        return "System.Management.Automation.ErrorRecord";
    }

    /** message, At line:L char:C, the line with <<<< at the error, CategoryInfo, FullyQualifiedErrorId. */
    String render() {
        String script = error.source == null ? "" : error.source;
        if (error.position() < 0) {
            return error.displayMessage() + "\r\n"
                    + "    + CategoryInfo          : " + error.category() + "\r\n"
                    + "    + FullyQualifiedErrorId : " + error.errorId() + "\r\n \r\n";
        }
        int pos = Math.min(Math.max(error.position(), 0), script.length());
        int lineStart = script.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < script.length() && script.charAt(lineEnd) != '\n' && script.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        String text = script.substring(lineStart, lineEnd);
        int col = Math.min(pos - lineStart, text.length());
        return error.displayMessage() + "\r\n"
                + "At line:" + line + " char:" + (col + 1) + "\r\n"
                + "+ " + text.substring(0, col) + " <<<< " + text.substring(col) + "\r\n"
                + "    + CategoryInfo          : " + error.category() + "\r\n"
                + "    + FullyQualifiedErrorId : " + error.errorId() + "\r\n \r\n";
    }

    @Override
    public Object property(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "exception" -> new ExceptionObject(error);
            case "categoryinfo" -> error.category();
            case "fullyqualifiederrorid" -> error.errorId();
            case "targetobject" -> error.thrownValue;
            case "invocationinfo" -> null;
            default -> NONE;
        };
    }

    @Override
    public List<String> propertyNames() {
        return List.of("Exception", "TargetObject", "CategoryInfo", "FullyQualifiedErrorId");
    }

    @Override
    public String toString() {
        return error.getMessage();
    }

    /** The .NET exception inside an error record ($_.Exception): Message and its type's name. */
    record ExceptionObject(PsError error) implements DotNetObject {
        @Override
        public String typeName() {
            return error.exceptionType;
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "message" -> error.getMessage();
                case "innerexception" -> null;
                default -> NONE;
            };
        }

        @Override
        public Object call(String name, List<Object> args) {
            if (name.equalsIgnoreCase("GetType")) {
                return new PsType(error.exceptionType);
            }
            return NONE;
        }

        @Override
        public String toString() {
            return error.exceptionType + ": " + error.getMessage();
        }
    }
}
