package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** New-Object, Add-Member, Get-Member and the CSV cmdlets. */
final class ObjectCmdlets {

    private ObjectCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("New-Object", "TypeName@0,ArgumentList@1=Args,Property,ComObject,Strict!", ObjectCmdlets::newObject);
        c.add("Add-Member", "MemberType@0=Type,Name@1,Value@2,SecondValue@3,InputObject,Force!,PassThru!", ObjectCmdlets::addMember);
        c.add("Get-Member", "Name@0,InputObject,MemberType=Type,View,Static!,Force!", GetMember::run);
        c.add("ConvertTo-Csv", "InputObject@0,Delimiter@1,NoTypeInformation!,UseCulture!", x -> Csv.to(x).forEach(x::out));
        c.add("Export-Csv", "Path@0=PSPath,InputObject,Force!,NoClobber!,Encoding,Delimiter@1,NoTypeInformation!,UseCulture!,?",
                x -> OutputFiles.write(x.session, x.path(x.get("Path")), String.join("\r\n", Csv.to(x)) + "\r\n", false,
                        OutputFiles.encoding(x.str("Encoding"), java.nio.charset.StandardCharsets.US_ASCII),
                        x.str("Encoding") != null && !x.str("Encoding").equalsIgnoreCase("ascii")));
        c.add("ConvertFrom-Csv", "InputObject@0,Delimiter@1,Header,UseCulture!", x -> Csv.from(x, x.inputOr("InputObject")));
        c.add("Import-Csv", "Path@0=PSPath,Delimiter@1,Header,Encoding,UseCulture!", ObjectCmdlets::importCsv);
    }

    private static void newObject(CmdletCall c) {
        if (c.has("ComObject")) {
            String prog = c.str("ComObject");
            throw c.err("Retrieving the COM class factory for component with CLSID {00000000-0000-0000-0000-000000000000} failed due to"
                    + " the following error: 80040154.", "ResourceUnavailable: (:) [New-Object], COMException",
                    "NoCOMClassIdentified" + (prog == null ? "" : ""));
        }
        String type = c.str("TypeName");
        if (type == null) {
            throw c.err("Cannot process command because of one or more missing mandatory parameters: TypeName.",
                    "InvalidArgument: (:) [New-Object], ParameterBindingException", "MissingMandatoryParameter");
        }
        String full = Types.fullName(type);
        List<Object> args = c.list("ArgumentList");
        if (c.has("ArgumentList") && c.get("ArgumentList") instanceof byte[]) {
            args = List.of(c.get("ArgumentList"));
        }
        if (full == null) {
            throw c.err("Cannot find type [" + type + "]: make sure the assembly containing this type is loaded.",
                    "InvalidType: (:) [New-Object], PSArgumentException", "TypeNotFound");
        }
        Object o;
        try {
            o = Constructors.create(c.session, full, args);
        } catch (NetException | PsFileStream.DotNetException e) {
            throw c.err("Exception calling \".ctor\" with \"" + args.size() + "\" argument(s): \"" + e.getMessage() + "\"",
                    "InvalidOperation: (:) [New-Object], MethodInvocationException", "ConstructorInvokedThrowException");
        }
        if (o == DotNetObject.NONE) {
            throw c.err("Constructor not found. Cannot find an appropriate constructor for type " + full + ".",
                    "ObjectNotFound: (:) [New-Object], PSArgumentException", "CannotFindAppropriateCtor");
        }
        if (c.get("Property") instanceof PsHashtable h) {
            PsObject target = o instanceof PsObject p ? p : null;
            for (Object k : h.keys()) {
                if (target != null) {
                    target.put(PsConvert.str(k), h.get(k));
                } else if (o instanceof DotNetObject d) {
                    d.setProperty(PsConvert.str(k), h.get(k));
                }
            }
        }
        c.out(o);
    }

    private static void addMember(CmdletCall c) {
        String type = c.str("MemberType");
        String name = c.str("Name");
        if (c.get("MemberType") instanceof PsHashtable) {
            throw c.err("A parameter cannot be found that matches parameter name 'NotePropertyMembers'.",
                    "InvalidArgument: (:) [Add-Member], ParameterBindingException", "NamedParameterNotFound");
        }
        for (Object o : c.inputOr("InputObject")) {
            PsObject target = o instanceof PsObject p ? p : wrap(o);
            String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
            if (target.has(name) && !c.sw("Force")) {
                c.error(c.err("Cannot add a member with the name \"" + name + "\" because a member with that name already exists. If you"
                        + " want to overwrite the member anyway, use the Force parameter to overwrite it.",
                        "InvalidOperation: (" + PsConvert.str(o) + ":PSObject) [Add-Member], InvalidOperationException",
                        "MemberAlreadyExists"));
                continue;
            }
            switch (t) {
                case "noteproperty" -> target.put(name, c.get("Value"));
                case "scriptmethod" -> target.scriptMethods.put(name.toLowerCase(Locale.ROOT), (PsScriptBlock) c.get("Value"));
                case "scriptproperty" -> {
                    target.scriptProperties.put(name.toLowerCase(Locale.ROOT), (PsScriptBlock) c.get("Value"));
                }
                case "aliasproperty" -> target.put(name, Members.instanceProperty(c.ev, target, c.str("Value")));
                default -> throw c.err("Cannot bind parameter 'MemberType'. Cannot convert value \"" + type + "\" to type"
                        + " \"System.Management.Automation.PSMemberTypes\" due to invalid enumeration values.",
                        "InvalidArgument: (:) [Add-Member], ParameterBindingException", "CannotConvertArgumentNoMessage");
            }
            if (c.sw("PassThru")) {
                c.out(target);
            }
        }
    }

    private static PsObject wrap(Object o) {
        PsObject p = new PsObject(PsConvert.typeName(o));
        p.base = o;
        p.toStringValue = PsConvert.str(o);
        return p;
    }

    private static void importCsv(CmdletCall c) {
        List<Object> lines = new ArrayList<>();
        for (String path : ItemCmdlets.expand(c, c.get("Path"), true)) {
            try {
                lines.addAll(FileText.lines(FileText.decode(java.nio.file.Files.readAllBytes(c.session.host.file(path)),
                        java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (java.io.IOException e) {
                c.error(c.err(e.getMessage(), "ReadError: (:) [Import-Csv], IOException", "ReadError"));
            }
        }
        Csv.from(c, lines);
    }
}
