package dev.hermod.outbound.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections whose writes block past their deadline. A blocking socket write has no time-out of its own,
 * so a server that stops reading would hold a delivery thread for ever; the transport calls {@link #check()}
 * about once a second, and a write that outlived {@code timeout.data.block} (RFC 5321 §4.5.3.2.6) fails with a
 * closed socket.
 */
final class WriteWatchdog {

    private final Set<SmtpConnection> watched = ConcurrentHashMap.newKeySet();

    /** Starts watching a connection (until {@link #forget}). */
    void watch(SmtpConnection connection) {
        watched.add(connection);
    }

    /** Stops watching a connection. */
    void forget(SmtpConnection connection) {
        watched.remove(connection);
    }

    /** Aborts every connection whose current write is past its deadline. */
    void check() {
        long now = System.nanoTime();
        for (SmtpConnection c : watched) {
            if (c.writeOverdue(now)) {
                c.abort();
            }
        }
    }
}
