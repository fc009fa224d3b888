package dev.hermod.api.admin;

import java.util.Objects;

/**
 * One registered provider of an SPI.
 *
 * @param serviceId the OSGi {@code service.id}
 * @param name the provider's {@code name} service property, or the implementation class's simple name
 *        when the property is absent
 * @param bundleId the id of the bundle that registered the service
 * @param bundleSymbolicName that bundle's symbolic name
 * @param bundleVersion that bundle's version
 * @param ranking the {@code service.ranking} property, 0 when absent
 * @param inUse whether the core uses this provider now
 */
public record ProviderInfo(long serviceId, String name, long bundleId, String bundleSymbolicName,
        String bundleVersion, int ranking, boolean inUse) {

    public ProviderInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
    }
}
