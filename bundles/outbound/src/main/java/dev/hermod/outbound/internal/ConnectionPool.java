package dev.hermod.outbound.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps one idle session per host, port and policy for a few seconds ({@code connection.idle.time}), so that the
 * next message to the same destination skips the connection, greeting, EHLO, TLS handshake and AUTH. A session is
 * reset ({@code RSET}) before it is reused, and closed ({@code QUIT}) when it has carried
 * {@code connection.max.messages} transactions or stayed idle too long.
 */
final class ConnectionPool {

    /**
     * What a pooled session is good for.
     *
     * @param host    the host name (TLS verification is by name)
     * @param address the address
     * @param port    the port
     * @param policy  TLS and AUTH
     */
    record Key(String host, InetAddress address, int port, SessionPolicy policy) {
        static Key of(Destination d, SessionPolicy policy) {
            return new Key(d.host(), d.address(), d.port(), policy);
        }
    }

    private final Duration idleTime;
    private final int maxTransactions;
    private final Map<Key, SmtpSession> idle = new HashMap<>();
    private boolean closed;

    /**
     * @param idleTime        how long a session is kept idle; zero disables reuse
     * @param maxTransactions how many transactions a session may carry
     */
    ConnectionPool(Duration idleTime, int maxTransactions) {
        this.idleTime = idleTime;
        this.maxTransactions = maxTransactions;
    }

    /**
     * Takes the idle session for a key and resets it.
     *
     * @return a session ready for {@code MAIL}, or {@code null} if there is none that still works
     */
    SmtpSession take(Key key) {
        SmtpSession session;
        synchronized (this) {
            session = idle.remove(key);
        }
        if (session == null) {
            return null;
        }
        if (expired(session, System.nanoTime())) {
            session.quit();
            return null;
        }
        return session.reset() ? session : null;
    }

    /** Keeps a session for reuse, or closes it if reuse is off, it carried enough, or the pool is closed. */
    void offer(Key key, SmtpSession session) {
        SmtpSession replaced = null;
        boolean keep;
        synchronized (this) {
            keep = !closed && !idleTime.isZero() && session.transactions() < maxTransactions;
            if (keep) {
                session.markIdle();
                replaced = idle.put(key, session);
            }
        }
        if (!keep) {
            session.quit();
        }
        if (replaced != null) {
            replaced.quit();
        }
    }

    /** Closes the sessions idle for longer than the idle time. */
    void expire() {
        long now = System.nanoTime();
        List<SmtpSession> old = new ArrayList<>();
        synchronized (this) {
            for (Iterator<SmtpSession> i = idle.values().iterator(); i.hasNext(); ) {
                SmtpSession s = i.next();
                if (expired(s, now)) {
                    i.remove();
                    old.add(s);
                }
            }
        }
        old.forEach(SmtpSession::quit);
    }

    /** @return how many sessions are idle */
    synchronized int size() {
        return idle.size();
    }

    /** Closes every idle session; later offers are closed at once. */
    void close() {
        List<SmtpSession> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle.values());
            idle.clear();
        }
        all.forEach(SmtpSession::quit);
    }

    private boolean expired(SmtpSession s, long now) {
        return now - s.idleSince() > idleTime.toNanos();
    }
}
