package dev.hermod.api.admin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the platform runs right now: for each service provider interface the providers bound and the
 * one in use, and the protocol listeners with their addresses.
 *
 * <p>The core registers one service of this type. Every call returns a fresh snapshot; the lists are
 * immutable and never {@code null}. Implementations are thread safe.
 */
@ProviderType
public interface PlatformStatus {

    /**
     * One entry per service provider interface the core consumes, in a stable order (storage first,
     * then directory, filters and crypto).
     *
     * @return the snapshot of every SPI, never {@code null}
     */
    List<SpiStatus> spis();

    /**
     * The protocol listeners registered now, ordered by protocol then name.
     *
     * @return the listeners, never {@code null}, empty when no protocol bundle runs
     */
    List<ListenerInfo> listeners();

    /**
     * The status of one SPI by its simple interface name, for instance {@code "BlobStore"}.
     *
     * @param spi the simple name of the SPI interface, case sensitive
     * @return the status, or {@code null} when the core does not know such an SPI
     */
    default SpiStatus spi(String spi) {
        return spis().stream().filter(s -> s.spi().equals(spi)).findFirst().orElse(null);
    }
}
