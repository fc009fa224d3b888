package dev.hermod.store.support;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimits;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a transaction attempt until it does not conflict, as {@link dev.hermod.api.store.KeyValueStore}
 * promises its callers.
 *
 * <ul>
 *   <li>An attempt that throws {@link ConflictException} is run again, at most
 *       {@link StoreLimits#MAX_RETRIES} times, after a randomized exponential back-off (about 2 ms doubling
 *       up to 100 ms, each wait between half and all of that).</li>
 *   <li>No new attempt starts once twice {@link StoreLimits#MAX_TRANSACTION_MILLIS} has passed since the
 *       first.</li>
 *   <li>When retries or time run out, the last conflict becomes a {@link TemporaryFailureException}
 *       whose message names the store and the number of attempts, with the conflict as its cause.</li>
 *   <li>Every other exception ends the loop at once and propagates unchanged.</li>
 * </ul>
 *
 * <p>Thread safe: it keeps no state between calls.
 */
public final class RetryLoop {

    /**
     * One transaction attempt: opens a transaction, runs the caller's function in it and commits.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Attempt<T> {

        /**
         * Runs one attempt.
         *
         * @param attempt the number of this attempt, counting from 0; a provider may treat a retry
         *                ({@code attempt > 0}) differently, e.g. run it alone to make sure it progresses
         * @return the result of the function, may be {@code null}
         * @throws ConflictException if the attempt conflicted and should be run again; any other exception
         *                           ends the loop
         */
        T run(int attempt);
    }

    private static final long FIRST_BACKOFF_MILLIS = 2;
    private static final long MAX_BACKOFF_MILLIS = 100;
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(2L * StoreLimits.MAX_TRANSACTION_MILLIS);

    private RetryLoop() {
    }

    /**
     * Runs {@code attempt} on the calling thread until it returns or throws something other than a
     * conflict.
     *
     * @param <T>     the result type
     * @param store   the store's name for error messages, e.g. {@code "SQLite store /data/kv.sqlite"}; not
     *                {@code null}
     * @param attempt the attempt to run; not {@code null}
     * @return what the first attempt that did not conflict returned, may be {@code null}
     * @throws TemporaryFailureException if every attempt conflicted, or the thread was interrupted while
     *                                   waiting to retry (its interrupt flag is then set again)
     * @throws RuntimeException          whatever an attempt threw other than a {@link ConflictException}
     */
    public static <T> T run(String store, Attempt<T> attempt) {
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
