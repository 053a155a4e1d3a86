/** What a scenario says about triaging a hang with the debuggers: commands, modules of interest, the expected signature. */
package dev.reprolab.triage;
