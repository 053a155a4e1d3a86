/**
 * Windows console output and file formats, one package per kind (netstat, sc, tasklist, hotfix, systeminfo,
 * procdump, netsh, fltmc, dump). Each package holds immutable records, a formatter that renders the exact bytes
 * Windows Server 2008 R2 SP1 prints (CRLF line ends), and a pure parser that reads real captures back. The
 * simulated lab renders through the formatters and the harness reads through the parsers, so the two agree by
 * construction; tests hold both against real captures.
 */
package dev.reprolab.windows;
