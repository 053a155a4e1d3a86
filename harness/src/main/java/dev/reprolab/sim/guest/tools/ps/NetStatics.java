package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/** [Net.Dns], [Net.WebRequest], [Diagnostics.Process] and [Net.ServicePointManager] statics. */
final class NetStatics {

    private NetStatics() {
    }

    static void registerAll() {
        StaticMembers.register("System.Net.Dns", (ev, n, a) -> {
            PsHost h = ev.session.host;
            switch (n) {
                case "gethostname" -> {
                    return h.computerName();
                }
                case "gethostaddresses", "gethostentry", "resolve", "gethostbyname" -> {
                    String name = PsConvert.str(a.get(0));
                    List<String> ips = h.resolve(name);
                    if (ips.isEmpty()) {
                        throw new NetException("System.Net.Sockets.SocketException", "No such host is known");
                    }
                    List<Object> addrs = new ArrayList<>();
                    for (String ip : ips) {
                        addrs.add(new IpAddressValue(ip));
                    }
                    if (n.equals("gethostaddresses")) {
                        return addrs.toArray();
                    }
                    PsObject e = new PsObject("System.Net.IPHostEntry");
                    e.put("HostName", name.equalsIgnoreCase("localhost") ? h.computerName() : name);
                    e.put("Aliases", new Object[0]);
                    e.put("AddressList", addrs.toArray());
                    return e;
                }
                default -> {
                    return DotNetObject.NONE;
                }
            }
        });
        StaticMembers.register("System.Diagnostics.Process", (ev, n, a) -> switch (n) {
            case "getprocesses" -> SystemObjects.processes(ev.session).toArray();
            case "getcurrentprocess" -> SystemObjects.processes(ev.session).stream()
                    .filter(p -> PsConvert.toInt(p.get("Id")) == ev.session.host.processId()).findFirst().orElse(null);
            case "getprocessbyid" -> SystemObjects.processes(ev.session).stream()
                    .filter(p -> PsConvert.toInt(p.get("Id")) == PsConvert.toInt(a.get(0))).findFirst()
                    .orElseThrow(() -> new NetException("System.ArgumentException", "Process with an Id of " + a.get(0) + " is not running."));
            case "getprocessesbyname" -> SystemObjects.processes(ev.session).stream()
                    .filter(p -> PsConvert.str(p.get("ProcessName")).equalsIgnoreCase(PsConvert.str(a.get(0)))).toArray();
            case "start" -> SystemObjects.startProcess(ev.session, PsConvert.str(a.get(0)), a.size() > 1 ? PsConvert.str(a.get(1)) : "");
            default -> DotNetObject.NONE;
        });
        StaticMembers.StaticType webRequest = (ev, n, a) -> {
            if (!n.equals("create")) {
                return DotNetObject.NONE;
            }
            String url = PsConvert.str(a.get(0));
            if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
                throw new NetException("System.NotSupportedException", "The URI prefix is not recognized.");
            }
            return new HttpWebRequestObject(url);
        };
        StaticMembers.register("System.Net.WebRequest", webRequest);
        StaticMembers.register("System.Net.HttpWebRequest", webRequest);
        StaticMembers.register("System.Net.ServicePointManager", new StaticMembers.StaticType() {
            @Override
            public Object property(Session s, String name) {
                return name.equalsIgnoreCase("SecurityProtocol") ? new PsEnum("System.Net.SecurityProtocolType", "Ssl3, Tls", 240)
                        : DotNetObject.NONE;
            }

            @Override
            public Object call(Evaluator ev, String n, List<Object> a) {
                return DotNetObject.NONE;
            }
        });
    }
}
