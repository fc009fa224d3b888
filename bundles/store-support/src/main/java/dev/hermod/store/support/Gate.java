package dev.hermod.store.support;

import dev.hermod.api.mail.TemporaryFailureException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Counts the transaction attempts in flight on one store, so that the store can close without cutting
 * them off: {@link #close(long)} refuses new attempts and waits a bounded time for the running ones.
 * Consumers bound to a store that is being replaced (hot swap) thus see their work in flight finish, and
 * new work fail with a temporary error until a replacement registers.
 *
 * <p>One gate per store instance. Thread safe.
 */
public final class Gate {

    private final String store;
    private int inFlight;
    private boolean closed;

    /**
     * Creates an open gate.
     *
     * @param store the store's name for error messages; not {@code null}
     */
    public Gate(String store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Runs one attempt, counted as in flight until it returns or throws.
     *
     * @param <T>  the result type
     * @param work the attempt; not {@code null}
     * @return what {@code work} returned, may be {@code null}
     * @throws TemporaryFailureException if the gate is closed ("... is stopped; the request can be retried
     *                                   once a metadata store is available again"); {@code work} does not run
     * @throws RuntimeException          whatever {@code work} threw
     */
    public <T> T call(Supplier<T> work) {
        enter();
        try {
            return work.get();
        } finally {
            exit();
        }
    }

    /**
     * Refuses new attempts, then waits up to {@code millis} for those in flight to end. Returns early if
     * the thread is interrupted (its interrupt flag set again). Calling it again is harmless.
     *
     * @param millis the longest wait, in milliseconds; 0 or less does not wait
     * @return how many attempts are still running; 0 if all ended
     */
    public synchronized int close(long millis) {
        closed = true;
        long deadline = System.currentTimeMillis() + millis;
        long left = millis;
        while (inFlight > 0 && left > 0) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = deadline - System.currentTimeMillis();
        }
        return inFlight;
    }

    private synchronized void enter() {
        if (closed) {
            throw new TemporaryFailureException(store + " is stopped; the request can be retried once a"
                    + " metadata store is available again");
        }
        inFlight++;
    }

    private synchronized void exit() {
        if (--inFlight == 0) {
            notifyAll();
        }
    }
}
