package dev.hermod.core.internal.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When to try again after a temporary failure: the n-th delay of the schedule after the n-th attempt,
 * the last delay repeated, and never past the entry's expiry, when it gets one last attempt.
 *
 * @param delays the delays after the first, second, ... attempt, at least one
 * @param expiry how long an entry may stay queued
 */
record RetrySchedule(List<Duration> delays, Duration expiry) {

    RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("no retry delays");
        }
    }

    /**
     * @param attempts attempts made so far, at least 1
     * @param now      the time of the last attempt
     * @param queuedAt when the entry was accepted
     * @return the time of the next attempt, at most {@link #expiresAt}
     */
    Instant next(int attempts, Instant now, Instant queuedAt) {
        Duration delay = delays.get(Math.min(Math.max(attempts, 1), delays.size()) - 1);
        Instant next = now.plus(delay);
        Instant expires = expiresAt(queuedAt);
        return next.isAfter(expires) ? expires : next;
    }

    /** @return when an entry accepted at {@code queuedAt} fails for good if still not delivered */
    Instant expiresAt(Instant queuedAt) {
        return queuedAt.plus(expiry);
    }
}
