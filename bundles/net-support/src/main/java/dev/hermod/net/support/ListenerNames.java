package dev.hermod.net.support;

import java.util.Map;

/** The name of a listener made from a factory configuration, as {@code hermod:status} shows it. */
public final class ListenerNames {

    private ListenerNames() {
    }

    /**
     * The configured name if there is one; else the part of the configuration file's name after the factory
     * PID ({@code smtp-submission.cfg} → {@code submission}); else the part of the service PID after
     * {@code ~}; else the factory PID itself.
     *
     * @param factoryPid the factory PID, e.g. {@code smtp}
     * @param configured the {@code name} key of the configuration, may be blank
     * @param properties the configuration's properties, as given to the component's activator
     * @return the name, never blank
     */
    public static String of(String factoryPid, String configured, Map<String, Object> properties) {
        return of(factoryPid, configured, properties, factoryPid);
    }

    /**
     * As {@link #of(String, String, Map)}, with another last resort than the factory PID.
     *
     * @param factoryPid the factory PID, e.g. {@code smtp}
     * @param configured the {@code name} key of the configuration, may be blank
     * @param properties the configuration's properties, as given to the component's activator
     * @param fallback   the name when nothing else gives one, e.g. the listener's protocol
     * @return the name
     */
    public static String of(String factoryPid, String configured, Map<String, Object> properties, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1);
            if (f.startsWith(factoryPid + "-") && f.endsWith(".cfg")) {
                return f.substring(factoryPid.length() + 1, f.length() - 4);
            }
        }
        Object pid = properties.get("service.pid");
        if (pid != null && pid.toString().contains("~")) {
            return pid.toString().substring(pid.toString().indexOf('~') + 1);
        }
        return fallback;
    }
}
