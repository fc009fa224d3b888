package dev.hermod.store.postgresql.internal;

import dev.hermod.api.mail.TemporaryFailureException;

/** Counts transaction attempts in flight, and lets the store close once they have ended. */
final class Gate {

    private final String store;
    private int inFlight;
    private boolean closed;

    Gate(String store) {
        this.store = store;
    }

    synchronized void enter() {
        if (closed) {
            throw new TemporaryFailureException(store + " is stopped; the request can be retried once a"
                    + " metadata store is available again");
        }
        inFlight++;
    }

    synchronized void exit() {
        if (--inFlight == 0) {
            notifyAll();
        }
    }

    /**
     * Refuses new attempts and waits up to {@code millis} for those in flight.
     *
     * @return how many are still running
     */
    synchronized int close(long millis) {
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
}
