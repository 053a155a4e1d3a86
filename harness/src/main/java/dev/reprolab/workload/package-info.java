/**
 * What a scenario cycles and how it decides it reproduced: the workload (Apache httpd from a zip, IIS 7.5's W3SVC, or
 * any Windows service described as data), the scenario's own steps (PowerShell 2.0 or cmd, at fixed hooks of the
 * preparation and of every trial), and the {@code reproducedWhen} rule. Plain data, read by the scenario loader and
 * used by the trial code; it depends on nothing but the JDK.
 */
package dev.reprolab.workload;
