/**
 * A small PowerShell 2.0 interpreter for the subset the harness's WinRM file channel and probes use (CONTRACTS.md
 * C2): variables, string and integer literals, static .NET calls on Convert/IO.File, FileStream methods, a handful
 * of cmdlets, pipelines into Out-Null and {@code exit}. Errors are rendered in PowerShell 2.0's layout
 * ({@code At line:1 char:N}, {@code + ... <<<< ...}, CategoryInfo, FullyQualifiedErrorId). Anything outside the
 * subset fails the way PowerShell 2.0 fails on an unknown command, never silently.
 */
package dev.reprolab.sim.guest.tools.ps;
