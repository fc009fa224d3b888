package dev.hermod.milter.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * One milter's configuration, as {@link MilterComponent} reads it.
 *
 * @param name             the milter's name, for logs, never {@code null}
 * @param address          where the milter listens, never {@code null}
 * @param connectTimeout   the longest wait for the connection, positive
 * @param readTimeout      the longest wait for each reply, positive
 * @param failOpen         on an error or timeout: {@code true} lets the message through unfiltered
 *                         ({@code failure = accept}), {@code false} answers {@code 451 4.7.1}
 *                         ({@code failure = tempfail})
 * @param junkOnQuarantine whether {@code SMFIR_QUARANTINE} files the message into the Junk mailbox
 * @param hostName         this server's host name, sent as macro {@code j}, never {@code null}
 */
record MilterSettings(String name, MilterAddress address, Duration connectTimeout, Duration readTimeout,
                      boolean failOpen, boolean junkOnQuarantine, String hostName) {

    /**
     * @param name the milter's name, never {@code null}
     * @param address where it listens, never {@code null}
     * @param connectTimeout the longest wait for the connection, positive
     * @param readTimeout the longest wait for each reply, positive
     * @param failOpen on an error: let the message through ({@code true}) or answer 451 4.7.1
     * @param junkOnQuarantine whether quarantine files into Junk
     * @param hostName this server's host name, never {@code null}
     * @throws IllegalArgumentException if a timeout is not positive
     */
    MilterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("milter timeouts must be positive");
        }
    }
}
