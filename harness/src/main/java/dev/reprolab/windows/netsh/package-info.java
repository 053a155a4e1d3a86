/** {@code netsh int tcp show global}: TCP offload and tuning settings recorded as environment of a trial. */
package dev.reprolab.windows.netsh;
