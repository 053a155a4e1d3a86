/**
 * {@code tasklist} (table and {@code /fo csv}) and {@code taskkill} result lines. The case: httpd.exe that
 * cannot be killed (taskkill reports access denied while AFD holds the process).
 */
package dev.reprolab.windows.tasklist;
