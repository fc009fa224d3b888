package dev.hermod.directory.sql.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps answers for {@code cache.ttl.ms}. With a TTL of zero (the default) it keeps nothing, so every
 * change in the database shows at the next lookup; with a positive TTL a change can take that long to show.
 * Failures are never kept, and logins never use it.
 */
final class LookupCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Object value, long expires) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LookupCache(Duration ttl, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** The cached answer for {@code kind} and {@code key}, or the loader's, which is then kept. */
    @SuppressWarnings("unchecked")
    <T> T get(String kind, String key, Supplier<T> loader) {
        if (ttlNanos <= 0) {
            return loader.get();
        }
        String k = kind + '\0' + key;
        long now = clock.getAsLong();
        Entry e = entries.get(k);
        if (e != null && now - e.expires < 0) {
            return (T) e.value;
        }
        T value = loader.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(k, new Entry(value, now + ttlNanos));
        return value;
    }

    /** Forgets everything, after a change made through DirectoryAdmin. */
    void clear() {
        entries.clear();
    }
}
