/**
 * schtasks.exe of Windows Server 2008 R2 (English): its query layouts (table, list, CSV, verbose or not) and result
 * lines, written by {@link dev.reprolab.windows.schtasks.SchtasksFormatter} for the simulated guest and read by
 * {@link dev.reprolab.windows.schtasks.SchtasksCsv} by column position, which holds in every UI language.
 */
package dev.reprolab.windows.schtasks;
