package dev.reprolab.sim.guest.tools.ps;

/** System.Guid. */
record GuidValue(java.util.UUID uuid) implements DotNetObject {
    @Override
    public String typeName() {
        return "System.Guid";
    }

    @Override
    public Object call(String name, java.util.List<Object> args) {
        if (name.equalsIgnoreCase("ToString")) {
            String f = args.isEmpty() ? "D" : PsConvert.str(args.get(0));
            String d = uuid.toString();
            return switch (f.toUpperCase(java.util.Locale.ROOT)) {
                case "N" -> d.replace("-", "");
                case "B" -> "{" + d + "}";
                case "P" -> "(" + d + ")";
                default -> d;
            };
        }
        return NONE;
    }

    @Override
    public java.util.List<String> propertyNames() {
        return java.util.List.of("Guid");
    }

    @Override
    public Object property(String name) {
        return name.equalsIgnoreCase("Guid") ? uuid.toString() : NONE;
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
