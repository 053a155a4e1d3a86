/**
 * {@code fltmc} (filter manager minifilters): third-party filters on the network/file path are part of a
 * trial's environment (recorded, compared between machines).
 */
package dev.reprolab.windows.fltmc;
