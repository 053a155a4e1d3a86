package dev.reprolab.sim.guest.tools.ps;

/**
 * {@code $MyInvocation}: the InvocationInfo of the running script, function or script block, with the members
 * scripts use — {@code MyCommand} (an ExternalScriptInfo with {@code Path}, {@code Name} the file's name and
 * {@code Definition} the path; a FunctionInfo whose {@code Definition} is the body; a ScriptInfo for a script block or
 * the command line), {@code BoundParameters} (also {@code $PSBoundParameters}) and {@code ScriptName} (the script the
 * call was made from, empty at the command line). PowerShell 2.0 has no {@code $PSScriptRoot} outside modules, so
 * {@code Split-Path -Parent $MyInvocation.MyCommand.Path} is how a 2.0 script finds its folder.
 */
final class Invocation {

    private Invocation() {
    }

    static PsObject script(String path, PsHashtable bound, String scriptName) {
        String name = path.substring(path.lastIndexOf('\\') + 1);
        PsObject cmd = command("System.Management.Automation.ExternalScriptInfo", name, path, "ExternalScript");
        cmd.put("Path", path);
        cmd.put("ScriptContents", null);
        return info(cmd, bound, scriptName);
    }

    static PsObject function(String name, Ast.ScriptBlock body, PsHashtable bound, String scriptName) {
        PsObject cmd = command("System.Management.Automation.FunctionInfo", name, body.text(), "Function");
        cmd.put("ScriptBlock", new PsScriptBlock(body));
        return info(cmd, bound, scriptName);
    }

    /** A script block run with {@code &}, or the command line itself. */
    static PsObject block(Ast.ScriptBlock body, PsHashtable bound, String scriptName) {
        PsObject cmd = command("System.Management.Automation.ScriptInfo", "", body.text(), "Script");
        cmd.put("ScriptBlock", new PsScriptBlock(body));
        return info(cmd, bound, scriptName);
    }

    private static PsObject command(String type, String name, String definition, String commandType) {
        PsObject cmd = PsObject.of(type, "Name", name, "CommandType", commandType, "Definition", definition);
        cmd.typeNames.add(1, "System.Management.Automation.CommandInfo");
        cmd.toStringValue = name;
        return cmd;
    }

    private static PsObject info(PsObject cmd, PsHashtable bound, String scriptName) {
        PsObject o = PsObject.of("System.Management.Automation.InvocationInfo", "MyCommand", cmd, "BoundParameters", bound,
                "ScriptName", scriptName == null ? "" : scriptName);
        o.toStringValue = "System.Management.Automation.InvocationInfo";
        return o;
    }
}
