/**
 * Dump file formats the lab writes and the harness checks: user-mode minidumps (what procdump -ma writes) and
 * 64-bit kernel crash dumps (MEMORY.DMP after a bugcheck). Writers produce structurally valid files; readers
 * validate a captured file and report what they found and every problem, without needing a debugger.
 * Layouts: MINIDUMP_HEADER / MINIDUMP_DIRECTORY / MINIDUMP_SYSTEM_INFO / MINIDUMP_MISC_INFO /
 * MINIDUMP_MEMORY64_LIST from Microsoft's minidumpapiset.h documentation; DUMP_HEADER64 offsets as documented by
 * public dump tools (QEMU's win_dump_defs.h, rizin's dmp64 specs): BugCheckCode at 0x38, PhysicalMemoryBlock at
 * 0x88, DumpType at 0xF98, header size 0x2000.
 */
package dev.reprolab.windows.dump;
