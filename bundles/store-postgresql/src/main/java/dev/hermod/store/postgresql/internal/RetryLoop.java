package dev.hermod.store.postgresql.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimits;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a transaction attempt until it does not conflict: at most {@link StoreLimits#MAX_RETRIES} retries,
 * with a randomized exponential back-off, and no new attempt once twice the transaction time limit has
 * passed. Every other exception ends the loop unchanged.
 */
final class RetryLoop {

    /** One attempt; {@code attempt} counts from 0. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(int attempt);
    }

    private static final long FIRST_BACKOFF_MILLIS = 2;
    private static final long MAX_BACKOFF_MILLIS = 100;
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(2L * StoreLimits.MAX_TRANSACTION_MILLIS);

    private RetryLoop() {
    }

    static <T> T run(String store, Attempt<T> attempt) {
        long start = System.nanoTime();
        for (int n = 0; ; n++) {
            try {
                return attempt.run(n);
            } catch (ConflictException e) {
                if (n >= StoreLimits.MAX_RETRIES || System.nanoTime() - start > BUDGET_NANOS) {
                    throw new TemporaryFailureException(store + ": the transaction still conflicted after " + (n + 1)
                            + " attempts; try again later (" + e.getMessage() + ")", e);
                }
                backOff(store, n);
            }
        }
    }

    private static void backOff(String store, int attempt) {
        long max = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 20));
        long micros = ThreadLocalRandom.current().nextLong(max * 500, max * 1000 + 1);
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryFailureException(store + ": interrupted while waiting to retry a transaction", e);
        }
    }
}
