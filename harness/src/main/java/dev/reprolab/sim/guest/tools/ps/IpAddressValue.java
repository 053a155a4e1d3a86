package dev.reprolab.sim.guest.tools.ps;

/** System.Net.IPAddress (IPv4). */
record IpAddressValue(String address) implements DotNetObject {

    static IpAddressValue parse(String s) {
        String t = s.trim();
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}") || java.util.Arrays.stream(t.split("\\.")).anyMatch(p -> Integer.parseInt(p) > 255)) {
            throw PsConvert.cannotConvert(s, "System.Net.IPAddress", "An invalid IP address was specified.");
        }
        return new IpAddressValue(t);
    }

    @Override
    public String typeName() {
        return "System.Net.IPAddress";
    }

    @Override
    public Object property(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ipaddresstostring" -> address;
            case "addressfamily" -> new PsEnum("System.Net.Sockets.AddressFamily", "InterNetwork", 2);
            case "address" -> {
                String[] p = address.split("\\.");
                long v = 0;
                for (int i = 3; i >= 0; i--) {
                    v = (v << 8) | Integer.parseInt(p[i]);
                }
                yield v;
            }
            default -> NONE;
        };
    }

    @Override
    public java.util.List<String> propertyNames() {
        return java.util.List.of("Address", "AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal",
                "IsIPv6SiteLocal", "IPAddressToString");
    }

    @Override
    public String toString() {
        return address;
    }
}
