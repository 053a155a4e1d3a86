/** {@code systeminfo}: OS name, version and build, boot time and the hotfix list, in the 2008 R2 SP1 layout. */
package dev.reprolab.windows.systeminfo;
