package dev.hermod.store.foundationdb.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import java.util.concurrent.TimeUnit;

/** Counts calls in progress so that deactivation lets them finish before the database closes. */
final class InFlight {

    private final String name;
    private int calls;
    private boolean closed;

    InFlight(String name) {
        this.name = name;
    }

    /** @throws TemporaryFailureException once {@link #close} has begun */
    synchronized void enter() {
        if (closed) {
            throw new TemporaryFailureException("the FoundationDB store '" + name
                    + "' is stopping; the request may be retried once a store is available again");
        }
        calls++;
    }

    synchronized void exit() {
        if (--calls == 0) {
            notifyAll();
        }
    }

    /**
     * Refuses new calls and waits for those in progress.
     *
     * @return the number of calls still running when the wait ended
     */
    synchronized int close(long waitMillis) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (long left = waitMillis; calls > 0 && left > 0;
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            wait(left);
        }
        return calls;
    }
}
