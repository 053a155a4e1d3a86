/** Console output of Sysinternals ProcDump ({@code procdump -accepteula -ma PID FILE}): which dumps were written. */
package dev.reprolab.windows.procdump;
