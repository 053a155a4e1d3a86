/**
 * Installed updates as {@code wmic qfe} and PowerShell's {@code Get-HotFix} list them: which KBs a guest
 * carries decides whether it has the July 2018 tcpip.sys regression (KB4338818/KB4338823) or its fix
 * (KB4345459).
 */
package dev.reprolab.windows.hotfix;
