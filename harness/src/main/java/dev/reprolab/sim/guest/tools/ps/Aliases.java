package dev.reprolab.sim.guest.tools.ps;

/** PowerShell 2.0's built-in aliases (note: {@code sc} is Set-Content, not sc.exe, exactly as on a real box). */
final class Aliases {

    private Aliases() {
    }

    static void register(Cmdlets c) {
        String[][] a = {
            {"%", "ForEach-Object"}, {"foreach", "ForEach-Object"}, {"?", "Where-Object"}, {"where", "Where-Object"},
            {"ac", "Add-Content"}, {"cat", "Get-Content"}, {"gc", "Get-Content"}, {"type", "Get-Content"}, {"sc", "Set-Content"},
            {"cd", "Set-Location"}, {"chdir", "Set-Location"}, {"sl", "Set-Location"}, {"pwd", "Get-Location"}, {"gl", "Get-Location"},
            {"clc", "Clear-Content"}, {"cls", "Clear-Host"}, {"clear", "Clear-Host"}, {"clv", "Clear-Variable"},
            {"compare", "Compare-Object"}, {"diff", "Compare-Object"}, {"copy", "Copy-Item"}, {"cp", "Copy-Item"}, {"cpi", "Copy-Item"},
            {"del", "Remove-Item"}, {"erase", "Remove-Item"}, {"rd", "Remove-Item"}, {"ri", "Remove-Item"}, {"rm", "Remove-Item"},
            {"rmdir", "Remove-Item"}, {"dir", "Get-ChildItem"}, {"gci", "Get-ChildItem"}, {"ls", "Get-ChildItem"},
            {"echo", "Write-Output"}, {"write", "Write-Output"}, {"epal", "Export-Alias"}, {"epcsv", "Export-Csv"},
            {"ipcsv", "Import-Csv"}, {"fl", "Format-List"}, {"ft", "Format-Table"}, {"fw", "Format-Wide"}, {"gal", "Get-Alias"},
            {"gcm", "Get-Command"}, {"gdr", "Get-PSDrive"}, {"gi", "Get-Item"}, {"gm", "Get-Member"}, {"gmo", "Get-Module"},
            {"gp", "Get-ItemProperty"}, {"gps", "Get-Process"}, {"ps", "Get-Process"}, {"group", "Group-Object"},
            {"gsv", "Get-Service"}, {"gv", "Get-Variable"}, {"gwmi", "Get-WmiObject"}, {"iex", "Invoke-Expression"},
            {"ipmo", "Import-Module"}, {"kill", "Stop-Process"}, {"spps", "Stop-Process"}, {"measure", "Measure-Object"},
            {"mi", "Move-Item"}, {"move", "Move-Item"}, {"mv", "Move-Item"}, {"nal", "New-Alias"}, {"ni", "New-Item"},
            {"nv", "New-Variable"}, {"oh", "Out-Host"}, {"rmo", "Remove-Module"}, {"ren", "Rename-Item"}, {"rni", "Rename-Item"},
            {"rv", "Remove-Variable"}, {"sal", "Set-Alias"}, {"sasv", "Start-Service"}, {"select", "Select-Object"},
            {"set", "Set-Variable"}, {"sv", "Set-Variable"}, {"sleep", "Start-Sleep"}, {"sort", "Sort-Object"},
            {"sp", "Set-ItemProperty"}, {"spsv", "Stop-Service"}, {"start", "Start-Process"}, {"saps", "Start-Process"},
            {"tee", "Tee-Object"}, {"gu", "Get-Unique"}, {"h", "Get-History"}, {"history", "Get-History"}, {"ghy", "Get-History"},
            {"pushd", "Push-Location"}, {"popd", "Pop-Location"}, {"gh", "Get-Help"}, {"rvpa", "Resolve-Path"},
            {"ogv", "Out-GridView"}, {"gjb", "Get-Job"},
        };
        for (String[] x : a) {
            c.alias(x[0], x[1]);
        }
        // mkdir and md are functions in 2.0 (New-Item -Type Directory); registered as cmdlets with that meaning.
        c.add("mkdir", "Path@0,Force!", x -> newDir(x));
        c.alias("md", "mkdir");
    }

    private static void newDir(CmdletCall c) {
        for (Object p : c.list("Path")) {
            String path = c.path(p);
            java.nio.file.Path f = c.session.host.file(path);
            try {
                if (java.nio.file.Files.exists(f) && !c.sw("Force")) {
                    c.error(new PsError("New-Item : Item with specified name " + path + " already exists.", "ResourceExists: (" + path
                            + ":String) [New-Item], IOException", "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand"));
                    continue;
                }
                java.nio.file.Files.createDirectories(f);
            } catch (java.io.IOException e) {
                c.error(new PsError("New-Item : " + e.getMessage(), "WriteError", "NewItemIOError"));
                continue;
            }
            c.out(ItemObjects.item(c.session, path, f));
        }
    }
}
