package dev.hermod.outbound.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Caps the deliveries in progress to one destination domain ({@code connections.per.domain}), so that a large
 * mailing does not open more connections to one receiver than it tolerates. Counts only domains with deliveries
 * in progress.
 */
final class DomainLimits {

    private final int limit;
    private final Map<String, Integer> active = new HashMap<>();

    /** @param limit deliveries at once per domain, at least 1 */
    DomainLimits(int limit) {
        this.limit = limit;
    }

    /**
     * Takes a slot for a domain, waiting for one if all are taken.
     *
     * @param domain the domain
     * @param wait   how long to wait at most
     * @return whether a slot was taken (then {@link #release} it)
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized boolean acquire(String domain, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (active.getOrDefault(domain, 0) >= limit) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        active.merge(domain, 1, Integer::sum);
        return true;
    }

    /** Gives a slot back. */
    synchronized void release(String domain) {
        active.computeIfPresent(domain, (k, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    /** @return the deliveries in progress to a domain */
    synchronized int active(String domain) {
        return active.getOrDefault(domain, 0);
    }
}
