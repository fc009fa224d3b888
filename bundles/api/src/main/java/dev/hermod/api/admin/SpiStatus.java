package dev.hermod.api.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The providers of one service provider interface.
 *
 * @param spi the simple name of the SPI interface, such as {@code KeyValueStore}
 * @param type the fully qualified interface name
 * @param multiple {@code true} when every provider is used at once (filters), {@code false} when one
 *        provider is picked: the highest ranked among those that match {@code target}
 * @param target the admin's selection filter for this SPI (an LDAP filter over service properties),
 *        or {@code null} when none is configured
 * @param providers the providers bound now, highest ranking first, never {@code null}
 */
public record SpiStatus(String spi, String type, boolean multiple, String target, List<ProviderInfo> providers) {

    public SpiStatus {
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(type, "type");
        providers = List.copyOf(providers);
    }

    /**
     * The provider in use for a single-provider SPI, or the first of several for a multiple one.
     *
     * @return the provider in use, empty when none is bound or none matches the target
     */
    public Optional<ProviderInfo> inUse() {
        return providers.stream().filter(ProviderInfo::inUse).findFirst();
    }
}
