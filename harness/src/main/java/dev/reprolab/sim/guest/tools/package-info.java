/**
 * Servicing and tool programs of the simulated Windows Server 2008 R2 SP1 guest: PowerShell 2.0 (the subset the
 * harness uses), expand/DISM/wusa/schtasks, wmic, systeminfo, netsh, fltmc, reg, wevtutil, ProcDump, NotMyFault
 * and the file commands cmd needs. Each program prints what the real one prints (CRLF, column layout, error
 * texts); the facts behind the texts are cited where they are used.
 */
package dev.reprolab.sim.guest.tools;
