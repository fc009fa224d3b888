package dev.hermod.core.internal.filterstate;

import dev.hermod.api.filter.FilterState;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.core.internal.ProviderRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link FilterState}, over the metadata store in use (see the package documentation for the
 * layout). Expired keys read as absent; they are overwritten by the next {@link #touch} and removed by an
 * hourly sweep.
 */
@Component(service = FilterState.class)
public final class FilterStateStore implements FilterState {

    static final byte PREFIX = 0x22;
    private static final Logger LOG = LoggerFactory.getLogger(FilterStateStore.class);
    /** Keys looked at per transaction of the sweep. */
    private static final int SWEEP_BATCH = 1000;

    private final ProviderRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService sweeper;

    @Activate
    public FilterStateStore(@Reference ProviderRegistry registry) {
        this(registry, Clock.systemUTC(), true);
    }

    /**
     * @param registry the providers, of which the metadata store is used
     * @param clock    the current time
     * @param sweep    whether to remove expired keys every hour
     */
    FilterStateStore(ProviderRegistry registry, Clock clock, boolean sweep) {
        this.registry = registry;
        this.clock = clock;
        if (sweep) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hermod-filter-state-sweep");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, 60, TimeUnit.MINUTES);
        } else {
            sweeper = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private KeyValueStore store() {
        return registry.store();
    }

    @Override
    public Optional<Instant> created(String key) {
        byte[] k = key(key);
        long now = clock.millis();
        byte[] value = store().read(txn -> txn.get(k));
        if (value == null || value.length != 16) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        long created = b.getLong();
        long expires = b.getLong();
        return expires <= now ? Optional.empty() : Optional.of(Instant.ofEpochMilli(created));
    }

    @Override
    public void touch(String key, Duration expireAfter) {
        byte[] k = key(key);
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("a key must live a positive time, not " + expireAfter);
        }
        store().write(txn -> {
            long now = clock.millis();
            long expires = saturatedAdd(now, expireAfter);
            byte[] old = txn.get(k);
            long created = now;
            if (old != null && old.length == 16) {
                ByteBuffer b = ByteBuffer.wrap(old);
                long oldCreated = b.getLong();
                if (b.getLong() > now) {
                    created = oldCreated; // live: keeps its creation time
                }
            }
            txn.set(k, ByteBuffer.allocate(16).putLong(created).putLong(expires).array());
            return null;
        });
    }

    /**
     * Removes the expired keys.
     *
     * @return how many were removed
     */
    int sweep() {
        int removed = 0;
        byte[] from = {PREFIX};
        byte[] end = {PREFIX + 1};
        while (true) {
            byte[] start = from;
            long now = clock.millis();
            record Batch(byte[] next, int removed) {
            }
            Batch batch = store().write(txn -> {
                List<byte[]> expired = new ArrayList<>();
                byte[] last = null;
                int seen = 0;
                try (KeyValueIterator it = txn.range(start, end, SWEEP_BATCH, false)) {
                    while (it.hasNext()) {
                        KeyValue kv = it.next();
                        seen++;
                        last = kv.key();
                        byte[] v = kv.value();
                        if (v.length != 16 || ByteBuffer.wrap(v, 8, 8).getLong() <= now) {
                            expired.add(kv.key());
                        }
                    }
                }
                expired.forEach(txn::clear);
                byte[] next = seen < SWEEP_BATCH || last == null ? null : successor(last);
                return new Batch(next, expired.size());
            });
            removed += batch.removed();
            if (batch.next() == null) {
                return removed;
            }
            from = batch.next();
        }
    }

    private void sweepQuietly() {
        try {
            int removed = sweep();
            if (removed > 0) {
                LOG.debug("removed {} expired filter state keys", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not remove expired filter state keys: {}", e.toString());
        }
    }

    private static byte[] successor(byte[] key) {
        byte[] next = Arrays.copyOf(key, key.length + 1);
        return next;
    }

    private static long saturatedAdd(long now, Duration d) {
        try {
            return Math.addExact(now, d.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static byte[] key(String key) {
        byte[] bytes = Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_SIZE) {
            throw new IllegalArgumentException("a filter state key has at most " + MAX_KEY_SIZE + " bytes, not "
                    + bytes.length);
        }
        byte[] k = new byte[bytes.length + 1];
        k[0] = PREFIX;
        System.arraycopy(bytes, 0, k, 1, bytes.length);
        return k;
    }
}
