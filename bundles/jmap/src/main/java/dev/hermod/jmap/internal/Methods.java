package dev.hermod.jmap.internal;

import java.util.HashMap;
import java.util.Map;

/** The methods the server answers, by name, each with the capability a request must use for it. */
final class Methods {

    record Registered(String capability, JmapMethod method) {
    }

    private final Map<String, Registered> methods = new HashMap<>();

    Methods add(String name, String capability, JmapMethod method) {
        methods.put(name, new Registered(capability, method));
        return this;
    }

    Registered get(String name) {
        return methods.get(name);
    }
}
