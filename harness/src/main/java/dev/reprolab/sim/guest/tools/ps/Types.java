package dev.reprolab.sim.guest.tools.ps;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Type literals: PowerShell 2.0's type accelerators ({@code [int] [regex] [xml] [wmi] [adsi]...}, but not 3.0's
 * {@code [ordered]} or {@code [pscustomobject]}), the .NET types the simulator knows, casts between them, and the
 * exception hierarchy that {@code catch [Type]} and {@code trap [Type]} match against.
 */
final class Types {

    private Types() {
    }

    private static final Map<String, String> ACCELERATORS = new HashMap<>();
    private static final Set<String> KNOWN = new java.util.HashSet<>();
    private static final Map<String, String> EXCEPTION_PARENT = new HashMap<>();

    static {
        String[][] acc = {
            {"int", "System.Int32"}, {"long", "System.Int64"}, {"string", "System.String"}, {"char", "System.Char"},
            {"bool", "System.Boolean"}, {"byte", "System.Byte"}, {"double", "System.Double"}, {"decimal", "System.Decimal"},
            {"float", "System.Single"}, {"single", "System.Single"}, {"regex", "System.Text.RegularExpressions.Regex"},
            {"array", "System.Array"}, {"xml", "System.Xml.XmlDocument"}, {"scriptblock", "System.Management.Automation.ScriptBlock"},
            {"switch", "System.Management.Automation.SwitchParameter"}, {"hashtable", "System.Collections.Hashtable"},
            {"type", "System.Type"}, {"ref", "System.Management.Automation.PSReference"},
            {"psobject", "System.Management.Automation.PSObject"}, {"wmi", "System.Management.ManagementObject"},
            {"wmiclass", "System.Management.ManagementClass"}, {"wmisearcher", "System.Management.ManagementObjectSearcher"},
            {"adsi", "System.DirectoryServices.DirectoryEntry"}, {"adsisearcher", "System.DirectoryServices.DirectorySearcher"},
            {"ipaddress", "System.Net.IPAddress"}, {"void", "System.Void"}, {"psmoduleinfo", "System.Management.Automation.PSModuleInfo"},
            {"powershell", "System.Management.Automation.PowerShell"}, {"runspace", "System.Management.Automation.Runspaces.Runspace"},
            {"runspacefactory", "System.Management.Automation.Runspaces.RunspaceFactory"},
            {"psprimitivedictionary", "System.Management.Automation.PSPrimitiveDictionary"},
        };
        for (String[] a : acc) {
            ACCELERATORS.put(a[0], a[1]);
        }
        for (String t : List.of("String", "Int32", "Int64", "Int16", "UInt16", "UInt32", "UInt64", "Double", "Decimal", "Single",
                "Boolean", "Char", "Byte", "SByte", "Object", "DateTime", "TimeSpan", "Version", "Guid", "Math", "Convert",
                "Environment", "IO.Path", "IO.File", "IO.Directory", "IO.FileInfo", "IO.DirectoryInfo", "IO.FileStream",
                "IO.StreamReader", "IO.StreamWriter", "IO.FileMode", "IO.FileAccess", "IO.SeekOrigin", "IO.FileShare",
                "IO.MemoryStream", "IO.SearchOption", "Text.Encoding", "Text.StringBuilder", "Text.RegularExpressions.Regex",
                "Text.UTF8Encoding", "Text.ASCIIEncoding", "Text.UnicodeEncoding", "Collections.ArrayList",
                "Collections.Hashtable", "Security.Cryptography.SHA256", "Security.Cryptography.SHA1",
                "Security.Cryptography.MD5", "Security.Cryptography.SHA512", "Security.Cryptography.SHA384",
                "Security.Cryptography.SHA256Managed", "Security.Cryptography.SHA1CryptoServiceProvider",
                "Security.Cryptography.MD5CryptoServiceProvider", "Security.Cryptography.SHA1Managed",
                "Security.Cryptography.HashAlgorithm", "BitConverter", "Net.Dns", "Net.WebClient", "Net.WebRequest", "Net.HttpWebRequest",
                "Net.IPAddress", "Diagnostics.Process", "Xml.XmlDocument", "Management.Automation.PSObject",
                "Management.Automation.ScriptBlock", "Management.Automation.SwitchParameter", "Array", "Enum", "Type",
                "Console", "Threading.Thread", "Uri", "Random", "Void", "Text.RegularExpressions.RegexOptions",
                "StringComparison", "StringSplitOptions", "DayOfWeek", "Diagnostics.Stopwatch", "Net.ServicePointManager",
                "Net.SecurityProtocolType", "Management.ManagementObject", "Management.Automation.PSReference",
                "Type", "DBNull", "Runtime.InteropServices.Marshal", "Reflection.Assembly", "IO.Compression.GZipStream",
                "Management.Automation.PSCredential", "Security.SecureString", "Net.NetworkCredential",
                "Collections.Generic.List", "Collections.Queue", "Collections.Stack", "Text.RegularExpressions.Match",
                "Management.Automation.ErrorRecord", "ServiceProcess.ServiceController", "Net.Sockets.TcpClient",
                "Globalization.CultureInfo", "Security.Principal.WindowsIdentity", "Security.Principal.WindowsPrincipal",
                "Security.Principal.WindowsBuiltInRole", "Environment+SpecialFolder", "IO.DriveInfo", "TimeZone",
                "Management.Automation.ActionPreference")) {
            KNOWN.add(("System." + t).toLowerCase(Locale.ROOT));
        }
        String[][] ex = {
            {"System.SystemException", "System.Exception"},
            {"System.Management.Automation.RuntimeException", "System.SystemException"},
            {"System.Management.Automation.ParseException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.CommandNotFoundException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.MethodInvocationException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.MethodException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.ParameterBindingException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.ActionPreferenceStopException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.ItemNotFoundException", "System.Management.Automation.SessionStateException"},
            {"System.Management.Automation.SessionStateException", "System.Management.Automation.RuntimeException"},
            {"System.Management.Automation.PSInvalidCastException", "System.InvalidCastException"},
            {"System.InvalidCastException", "System.SystemException"},
            {"System.IO.IOException", "System.SystemException"},
            {"System.IO.FileNotFoundException", "System.IO.IOException"},
            {"System.IO.DirectoryNotFoundException", "System.IO.IOException"},
            {"System.UnauthorizedAccessException", "System.SystemException"},
            {"System.ArgumentException", "System.SystemException"},
            {"System.ArgumentNullException", "System.ArgumentException"},
            {"System.ArgumentOutOfRangeException", "System.ArgumentException"},
            {"System.InvalidOperationException", "System.SystemException"},
            {"System.ArithmeticException", "System.SystemException"},
            {"System.DivideByZeroException", "System.ArithmeticException"},
            {"System.FormatException", "System.SystemException"},
            {"System.Net.WebException", "System.InvalidOperationException"},
            {"System.Management.ManagementException", "System.SystemException"},
            {"System.Net.Sockets.SocketException", "System.SystemException"},
        };
        for (String[] e : ex) {
            EXCEPTION_PARENT.put(e[0].toLowerCase(Locale.ROOT), e[1]);
            KNOWN.add(e[0].toLowerCase(Locale.ROOT));
        }
        KNOWN.add("system.exception");
    }

    /** The full name a type literal denotes, or null when PowerShell 2.0 cannot find it. */
    static String fullName(String literal) {
        String t = literal.trim();
        boolean array = t.endsWith("[]");
        String base = array ? t.substring(0, t.length() - 2).trim() : t;
        String lower = base.toLowerCase(Locale.ROOT);
        String full = ACCELERATORS.get(lower);
        if (full == null) {
            int generic = lower.indexOf('[');
            String plain = generic > 0 ? lower.substring(0, generic) : lower;
            if (KNOWN.contains(plain)) {
                full = canonical(base);
            } else if (KNOWN.contains("system." + plain)) {
                full = canonical("System." + base);
            }
        }
        if (full == null) {
            return null;
        }
        return array ? full + "[]" : full;
    }

    /** Canonical casing for a known name: System.IO.File for "system.io.file". */
    private static String canonical(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(CASING.getOrDefault(part.toLowerCase(Locale.ROOT), part));
        }
        return sb.toString();
    }

    private static final Map<String, String> CASING = new HashMap<>();

    static {
        for (String w : List.of("System", "IO", "Text", "Net", "Xml", "Collections", "Security", "Cryptography", "Management",
                "Automation", "Diagnostics", "RegularExpressions", "Threading", "Path", "File", "Directory", "FileInfo",
                "DirectoryInfo", "FileStream", "StreamReader", "StreamWriter", "FileMode", "FileAccess", "SeekOrigin",
                "FileShare", "Encoding", "StringBuilder", "Regex", "ArrayList", "Hashtable", "BitConverter", "Dns",
                "WebClient", "WebRequest", "HttpWebRequest", "IPAddress", "Process", "XmlDocument", "Math", "Convert", "Environment", "DateTime",
                "TimeSpan", "Version", "Guid", "String", "Int32", "Int64", "Double", "Boolean", "Char", "Byte", "Object",
                "Decimal", "Single", "Console", "Uri", "Random", "Exception", "IOException", "Array", "Enum", "Type",
                "PSObject", "ScriptBlock", "SHA256", "SHA1", "MD5", "SHA512", "SHA384", "Int16", "UInt32", "UInt64",
                "UInt16", "SByte", "Thread", "MemoryStream", "SearchOption", "Stopwatch", "Generic", "List", "Queue",
                "Stack", "Void", "DayOfWeek", "StringComparison", "StringSplitOptions", "RegexOptions", "Match",
                "UTF8Encoding", "ASCIIEncoding", "UnicodeEncoding", "SHA256Managed", "SHA1Managed",
                "SHA1CryptoServiceProvider", "MD5CryptoServiceProvider", "HashAlgorithm", "ServicePointManager",
                "SecurityProtocolType", "ManagementObject", "DBNull", "Reflection", "Assembly", "Sockets", "TcpClient",
                "ServiceProcess", "ServiceController", "Globalization", "CultureInfo", "Principal", "WindowsIdentity",
                "WindowsPrincipal", "WindowsBuiltInRole", "DriveInfo", "TimeZone", "ActionPreference", "ErrorRecord",
                "RuntimeException", "FileNotFoundException", "DirectoryNotFoundException", "UnauthorizedAccessException",
                "ArgumentException", "InvalidOperationException", "DivideByZeroException", "FormatException",
                "WebException", "CommandNotFoundException", "ItemNotFoundException", "MethodInvocationException",
                "ParameterBindingException", "ActionPreferenceStopException", "ArgumentNullException",
                "ArgumentOutOfRangeException", "ManagementException", "SocketException", "PSCredential",
                "SecureString", "NetworkCredential", "SwitchParameter", "PSReference", "Marshal", "InteropServices",
                "Runtime", "Compression", "GZipStream", "Queue")) {
            CASING.put(w.toLowerCase(Locale.ROOT), w);
        }
    }

    static PsType resolve(String literal, int pos) {
        String full = fullName(literal);
        if (full == null) {
            throw typeNotFound(literal, pos);
        }
        return new PsType(full);
    }

    static PsError typeNotFound(String literal, int pos) {
        return new PsError("Unable to find type [" + literal + "]: make sure that the assembly containing this type is loaded.",
                "InvalidOperation: (" + literal + ":String) [], RuntimeException", "TypeNotFound").at(pos);
    }

    static boolean exceptionMatches(String catchType, String thrownType) {
        String want = fullName(catchType);
        if (want == null) {
            want = catchType;
        }
        for (String t = thrownType; t != null; t = EXCEPTION_PARENT.get(t.toLowerCase(Locale.ROOT))) {
            if (t.equalsIgnoreCase(want)) {
                return true;
            }
            if (t.equalsIgnoreCase("System.Exception")) {
                break;
            }
        }
        return want.equalsIgnoreCase("System.Exception");
    }

    /** What {@code throw} raises: a RuntimeException with the value's text ("ScriptHalted" for a bare throw). */
    static PsError thrownError(Object v, int pos) {
        PsError e;
        if (v instanceof PsErrorRecord r) {
            e = r.error;
        } else {
            String msg = v == null ? "ScriptHalted" : PsConvert.str(v);
            String target = v == null ? "" : msg;
            e = new PsError(msg, "OperationStopped: (" + target + ":" + (v == null ? "" : shortType(v)) + ") [], RuntimeException",
                    v == null ? "ScriptHalted" : msg);
            if (v == null) {
                e = new PsError("ScriptHalted", "OperationStopped: (:) [], RuntimeException", "ScriptHalted");
            }
            e.thrownValue = v;
        }
        e.thrown = true;
        return e.moveTo(pos);
    }

    private static String shortType(Object v) {
        String t = PsConvert.typeName(v);
        return t.substring(t.lastIndexOf('.') + 1);
    }

    static boolean isInstance(Object v, PsType t) {
        String n = t.fullName().toLowerCase(Locale.ROOT);
        if (n.equals("system.object")) {
            return v != null;
        }
        if (v == null) {
            return false;
        }
        String actual = PsConvert.typeName(v).toLowerCase(Locale.ROOT);
        if (actual.equals(n)) {
            return true;
        }
        return switch (n) {
            case "system.array" -> v instanceof Object[] || v instanceof byte[];
            case "system.valuetype" -> PsConvert.isNumber(v) || v instanceof Boolean || v instanceof Character;
            case "system.management.automation.psobject" -> v instanceof PsObject;
            case "system.exception" -> v instanceof PsErrorRecord.ExceptionObject;
            default -> v instanceof PsObject o && o.typeNames.stream().anyMatch(x -> x.equalsIgnoreCase(t.fullName()));
        };
    }

    static Object cast(String literal, Object v, int pos) {
        String full = fullName(literal);
        if (full == null) {
            throw typeNotFound(literal, pos);
        }
        try {
            return Casts.to(full, v);
        } catch (PsError e) {
            throw e.at(pos);
        }
    }
}
