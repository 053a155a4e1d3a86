/**
 * The simulated Windows Server 2008 R2 SP1 guest: its state (services, processes, TCP table with listener
 * reference counts, updates, file system, event log, checkpoints, reboots), its cmd interpreter and its console
 * programs, served over the simulated WinRM endpoint.
 */
package dev.reprolab.sim.guest;
