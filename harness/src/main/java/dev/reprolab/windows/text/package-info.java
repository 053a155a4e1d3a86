/**
 * Line handling shared by the Windows parsers: console output reaches us with CRLF (cmd over WinRM), CR CR LF
 * (wmic writing Unicode-converted text into a pipe adds an extra CR), or plain LF (captures pasted into
 * documents).
 */
package dev.reprolab.windows.text;
