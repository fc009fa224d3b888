package dev.hermod.core.internal;

import dev.hermod.api.admin.ProviderInfo;
import dev.hermod.api.admin.SpiStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import dev.hermod.api.mail.TemporaryFailureException;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.ServiceReference;

/**
 * The providers of one SPI, ordered by ranking, and the choice of the one in use.
 *
 * <p>For a single-provider SPI the provider in use is the highest ranked one (lowest service id on a tie,
 * as OSGi orders references) among those that match the admin's target filter. For a multiple SPI every
 * provider is in use. Thread safe: DS calls bind and unbind from any thread.
 *
 * @param <T> the SPI type
 */
final class ProviderSlot<T> {

    /** Service property naming a provider, matched by target filters such as {@code (name=corp-ldap)}. */
    static final String NAME = "name";

    private final Class<T> type;
    private final boolean multiple;
    /** Highest ranking first: ServiceReference's natural order puts the preferred reference last. */
    private final TreeMap<ServiceReference<T>, Entry<T>> providers = new TreeMap<>((a, b) -> b.compareTo(a));
    private Filter target;

    ProviderSlot(Class<T> type, boolean multiple) {
        this.type = type;
        this.multiple = multiple;
    }

    Class<T> type() {
        return type;
    }

    synchronized void add(ServiceReference<T> reference, T service) {
        providers.put(reference, new Entry<>(service, describe(reference)));
        notifyAll();
    }

    /** Re-sorts a provider whose properties (ranking, name) changed. */
    synchronized void update(ServiceReference<T> reference, T service) {
        providers.entrySet().removeIf(e -> e.getKey().equals(reference));
        add(reference, service);
    }

    synchronized void remove(ServiceReference<T> reference) {
        providers.entrySet().removeIf(e -> e.getKey().equals(reference));
    }

    /**
     * The provider in use, waiting up to {@code millis} for one to be bound: a swap of providers leaves
     * a short gap that callers should ride out instead of failing at once.
     *
     * @throws TemporaryFailureException if none is bound by then, saying which SPI is missing
     */
    synchronized T await(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Optional<T> current = inUse();
        while (current.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TemporaryFailureException("No " + type.getSimpleName()
                        + " provider is available" + (target == null ? "" : " matching " + target)
                        + "; the service is temporarily unavailable. Start or install one (hermod:status lists them).");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemporaryFailureException("Interrupted while waiting for a " + type.getSimpleName()
                        + " provider", e);
            }
            current = inUse();
        }
        return current.get();
    }

    /** The provider with this {@code name} property, whatever the target filter says. */
    synchronized Optional<T> named(String name) {
        return providers.entrySet().stream()
                .filter(e -> name.equals(e.getValue().description().name()))
                .map(e -> e.getValue().service())
                .findFirst();
    }

    /** The names of all bound providers, highest ranking first. */
    synchronized List<String> names() {
        return providers.values().stream().map(e -> e.description().name()).toList();
    }

    /**
     * Sets the admin's selection filter.
     *
     * @param filter the filter, or {@code null} to accept every provider
     */
    synchronized void target(Filter filter) {
        this.target = filter;
        notifyAll();
    }

    /** The provider in use, empty when none is bound or none matches the target. */
    synchronized Optional<T> inUse() {
        return providers.entrySet().stream()
                .filter(e -> matches(e.getKey()))
                .map(e -> e.getValue().service())
                .findFirst();
    }

    /** Every provider that matches the target, highest ranking first. */
    synchronized List<T> all() {
        List<T> result = new ArrayList<>();
        providers.forEach((ref, entry) -> {
            if (matches(ref)) {
                result.add(entry.service());
            }
        });
        return result;
    }

    /** Every provider that matches the target and {@code also}, highest ranking first. */
    synchronized List<T> all(java.util.function.Predicate<ServiceReference<T>> also) {
        List<T> result = new ArrayList<>();
        providers.forEach((ref, entry) -> {
            if (matches(ref) && also.test(ref)) {
                result.add(entry.service());
            }
        });
        return result;
    }

    synchronized SpiStatus status() {
        List<ProviderInfo> infos = new ArrayList<>();
        boolean chosen = false;
        for (Map.Entry<ServiceReference<T>, Entry<T>> e : providers.entrySet()) {
            boolean use = matches(e.getKey()) && (multiple || !chosen);
            chosen |= use;
            Description d = e.getValue().description();
            infos.add(new ProviderInfo(d.serviceId(), d.name(), d.bundleId(), d.bundleSymbolicName(),
                    d.bundleVersion(), d.ranking(), use));
        }
        return new SpiStatus(type.getSimpleName(), type.getName(), multiple,
                target == null ? null : target.toString(), infos);
    }

    private boolean matches(ServiceReference<T> reference) {
        return target == null || target.match(reference);
    }

    /** A provider's identity, captured at bind time: the bundle may be gone when the service is unbound. */
    static Description describe(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        Object name = reference.getProperty(NAME);
        Object id = reference.getProperty(Constants.SERVICE_ID);
        return new Description(
                id instanceof Long l ? l : -1L,
                name != null ? String.valueOf(name) : implementationName(reference),
                bundle == null ? -1L : bundle.getBundleId(),
                bundle == null ? "?" : String.valueOf(bundle.getSymbolicName()),
                bundle == null ? "?" : bundle.getVersion().toString(),
                ranking instanceof Integer i ? i : 0);
    }

    private static String implementationName(ServiceReference<?> reference) {
        Object pid = reference.getProperty("component.name");
        if (pid != null) {
            String s = pid.toString();
            return s.substring(s.lastIndexOf('.') + 1);
        }
        return "service-" + reference.getProperty(Constants.SERVICE_ID);
    }

    record Description(long serviceId, String name, long bundleId, String bundleSymbolicName,
            String bundleVersion, int ranking) {}

    private record Entry<T>(T service, Description description) {}
}
