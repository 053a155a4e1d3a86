/**
 * Output of the Debugging Tools for Windows (kd, cdb, LiveKd's kd, WinDbg's command window): a parser that reads
 * any such log into {@link dev.reprolab.windows.debugger.KdLog}, the hang signature computed from it, and the
 * formatter the simulated guest's debuggers print with.
 */
package dev.reprolab.windows.debugger;
