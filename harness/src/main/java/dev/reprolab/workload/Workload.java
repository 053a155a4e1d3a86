package dev.reprolab.workload;

import java.nio.file.Path;
import java.util.List;

/**
 * The service a scenario cycles. Whatever the kind, a trial needs the same few facts: the service's name for
 * {@code sc}, the port that must listen and that load goes to, the process images to watch, kill and dump, the
 * start and stop commands, and the kind of load.
 */
public sealed interface Workload permits Workload.Apache, Workload.Iis, Workload.Service {

    /** {@code apache}, {@code iis} or {@code service}: how it is named in the scenario and in reports. */
    String kind();

    /** The SCM's name of the service ({@code Apache2.4}, {@code W3SVC}). */
    String serviceName();

    /** The port whose listener the case is about: it must be LISTENING before load, and load goes to it. */
    int port();

    /**
     * Process images to watch after the stop, kill when they outlive it, and dump on a reproduction. The service's
     * own process (from {@code sc queryex}) is always watched as well, whatever its image.
     */
    List<String> images();

    String startCommand();

    String stopCommand();

    Load load();

    /** How load reaches the port: HTTP GETs of a path, or plain TCP connect/close churn. */
    record Load(Kind kind, String path) {

        public enum Kind { HTTP, TCP }

        public static Load http(String path) {
            return new Load(Kind.HTTP, path);
        }

        public static Load tcp() {
            return new Load(Kind.TCP, "");
        }
    }

    /** Apache httpd for Windows from a zip, installed with {@code httpd -k install} (the case). */
    record Apache(Path zip, String installRoot, String service, int port) implements Workload {
        @Override
        public String kind() {
            return "apache";
        }

        @Override
        public String serviceName() {
            return service;
        }

        @Override
        public List<String> images() {
            return List.of("httpd.exe");
        }

        @Override
        public String startCommand() {
            return "sc start " + service;
        }

        @Override
        public String stopCommand() {
            return "sc stop " + service;
        }

        @Override
        public Load load() {
            return Load.http("/");
        }
    }

    /**
     * IIS 7.5: the Web-Server role (ServerManager's Add-WindowsFeature, or DISM's IIS-WebServerRole), W3SVC inside
     * {@code svchost.exe -k iissvcs}, w3wp.exe workers, HTTP.sys owning the listener (PID 4 in netstat).
     *
     * @param installer {@link Installer#SERVER_MANAGER} or {@link Installer#DISM}
     * @param stop {@code sc} (sc stop W3SVC), {@code net} (net stop W3SVC) or {@code iisreset} (iisreset /stop)
     */
    record Iis(Installer installer, int port, String stop) implements Workload {
        @Override
        public String kind() {
            return "iis";
        }

        @Override
        public String serviceName() {
            return "W3SVC";
        }

        @Override
        public List<String> images() {
            return List.of("w3wp.exe");
        }

        @Override
        public String startCommand() {
            return switch (stop) {
                case "net" -> "net start W3SVC";
                case "iisreset" -> "iisreset /start";
                default -> "sc start W3SVC";
            };
        }

        @Override
        public String stopCommand() {
            return switch (stop) {
                case "net" -> "net stop W3SVC";
                case "iisreset" -> "iisreset /stop";
                default -> "sc stop W3SVC";
            };
        }

        @Override
        public Load load() {
            return Load.http("/");
        }
    }

    /**
     * Any Windows service, described as data.
     *
     * @param files files uploaded before the install steps
     * @param install steps that install (and configure) the service, run once per patch set before the updates
     */
    record Service(String service, List<Upload> files, List<Step> install, List<String> images, List<Integer> ports,
                   String startCommand, String stopCommand, Load load) implements Workload {

        public Service {
            files = List.copyOf(files);
            install = List.copyOf(install);
            images = List.copyOf(images);
            ports = List.copyOf(ports);
        }

        @Override
        public String kind() {
            return "service";
        }

        @Override
        public String serviceName() {
            return service;
        }

        @Override
        public int port() {
            return ports.get(0);
        }
    }

    /** A controller file and where it goes on the guest. */
    record Upload(Path from, String to) {
    }
}
