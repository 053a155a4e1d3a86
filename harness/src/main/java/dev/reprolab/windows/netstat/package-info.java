/**
 * {@code netstat -an}, {@code -ano} and {@code -anob}: rows of the TCP/UDP tables. The harness polls netstat
 * during stop cycles (enumerating ports is part of the July 2018 tcpip.sys trigger) and reads listeners from it.
 */
package dev.reprolab.windows.netstat;
