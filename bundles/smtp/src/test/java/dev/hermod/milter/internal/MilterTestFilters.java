package dev.hermod.milter.internal;

import dev.hermod.api.filter.MessageFilter;
import java.time.Duration;

/** The milter bundle's filter, built outside a framework as its component would build it. */
public final class MilterTestFilters {

    private MilterTestFilters() {
    }

    /**
     * @param name             the milter's name, for logs
     * @param port             its loopback TCP port
     * @param junkOnQuarantine whether a quarantine files the message into Junk
     * @return the filter, failing closed (451) when the milter cannot be asked
     */
    public static MessageFilter inet(String name, int port, boolean junkOnQuarantine) {
        return new MilterFilter(new MilterSettings(name, MilterAddress.parse("inet:127.0.0.1:" + port),
                Duration.ofSeconds(10), Duration.ofSeconds(90), false, junkOnQuarantine, "mx.example.org"));
    }
}
