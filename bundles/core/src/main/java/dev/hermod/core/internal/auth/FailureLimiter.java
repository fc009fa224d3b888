package dev.hermod.core.internal.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per key (a client address, an account) in a sliding window, and says when a key
 * has had too many. Memory is bounded: at most {@code maxKeys} keys are tracked; when full, the oldest
 * entries are dropped first.
 */
final class FailureLimiter {

    private final int maxFailures;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    FailureLimiter(int maxFailures, long windowMillis, int maxKeys, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = windowMillis * 1_000_000L;
        this.maxKeys = maxKeys;
        this.clock = nanoClock;
    }

    /** Whether the key has reached the limit within the window (a limit of 0 disables limiting). */
    boolean blocked(String key) {
        if (maxFailures <= 0) {
            return false;
        }
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times, clock.getAsLong());
            return times.size() >= maxFailures;
        }
    }

    void fail(String key) {
        if (maxFailures <= 0) {
            return;
        }
        if (failures.size() >= maxKeys && !failures.containsKey(key)) {
            prune();
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            long now = clock.getAsLong();
            expire(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    void reset(String key) {
        failures.remove(key);
    }

    private void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() > windowNanos) {
            times.removeFirst();
        }
    }

    /** Drops expired keys; if still full, drops arbitrary keys until a tenth is free. */
    private void prune() {
        long now = clock.getAsLong();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                expire(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
        var it = failures.keySet().iterator();
        while (failures.size() > maxKeys * 9 / 10 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
