package dev.reprolab.workload;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A scenario's steps by hook; a hook without steps has an empty list. */
public record Steps(Map<Hook, List<Step>> byHook) {

    public static final Steps NONE = new Steps(Map.of());

    public Steps {
        EnumMap<Hook, List<Step>> m = new EnumMap<>(Hook.class);
        byHook.forEach((k, v) -> m.put(k, List.copyOf(v)));
        byHook = java.util.Collections.unmodifiableMap(m);
    }

    public List<Step> at(Hook hook) {
        return byHook.getOrDefault(hook, List.of());
    }
}
