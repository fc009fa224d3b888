package dev.hermod.directory.ldap.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code cache.ttl.ms}: answers of {@code principal}, {@code recipients} and {@code isLocalDomain} kept for a
 * few milliseconds to seconds; 0 (the default) keeps nothing, so every change in the directory shows at the
 * next lookup. Authentication is never cached, nor failures. At most {@value #MAX_ENTRIES} answers: when full,
 * it starts over.
 */
final class TtlCache {

    static final int MAX_ENTRIES = 10_000;

    private record Held(Object value, long expires) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Held> map = new ConcurrentHashMap<>();

    TtlCache(long ttlMillis, LongSupplier nanoClock) {
        this.ttlNanos = Math.max(0, ttlMillis) * 1_000_000L;
        this.clock = nanoClock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load) {
        if (ttlNanos == 0) {
            return load.get();
        }
        long now = clock.getAsLong();
        Held held = map.get(key);
        if (held != null && now - held.expires < 0) {
            return (T) held.value;
        }
        T value = load.get();
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, new Held(value, now + ttlNanos));
        return value;
    }
}
