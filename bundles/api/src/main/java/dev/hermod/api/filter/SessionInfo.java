package dev.hermod.api.filter;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a filter may know about the SMTP or LMTP session a message arrives in. A new value is passed at each
 * stage, as {@code helo}, {@code authenticatedUser} and {@code tls} change during the session.
 *
 * @param remote            the client's address and port, never {@code null}
 * @param helo              the name given in {@code EHLO}/{@code HELO}/{@code LHLO}, or {@code null} before
 *                          it (at {@link FilterStage#CONNECT})
 * @param authenticatedUser the principal name the client authenticated as, or {@code null}
 * @param tls               whether the connection is protected by TLS (implicit or after {@code STARTTLS})
 * @param listener          the listener's name, e.g. {@code mta} or {@code submission}, never {@code null};
 *                          the same as {@link dev.hermod.api.server.ProtocolServer#name()}
 * @param sessionId         a short id unique to the session, also written in logs and in the
 *                          {@code Received} header, never {@code null}
 */
public record SessionInfo(InetSocketAddress remote, String helo, String authenticatedUser, boolean tls,
                          String listener, String sessionId) {

    /**
     * @param remote the client's address and port, never {@code null}
     * @param helo the name given in {@code EHLO}/{@code HELO}/{@code LHLO}, or {@code null} before it (at
     *             {@link FilterStage#CONNECT})
     * @param authenticatedUser the principal name the client authenticated as, or {@code null}
     * @param tls whether the connection is protected by TLS (implicit or after {@code STARTTLS})
     * @param listener the listener's name, e.g. {@code mta} or {@code submission}, never {@code null}; the
     *                 same as {@link dev.hermod.api.server.ProtocolServer#name()}
     * @param sessionId a short id unique to the session, also written in logs and in the {@code Received}
     *                  header, never {@code null}
     * @throws NullPointerException if {@code remote}, {@code listener} or {@code sessionId} is {@code null}
     */
    public SessionInfo {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /**
     * @param helo the name given in {@code EHLO}, may be {@code null}
     * @return a copy with that {@code helo}
     */
    public SessionInfo withHelo(String helo) {
        return new SessionInfo(remote, helo, authenticatedUser, tls, listener, sessionId);
    }

    /**
     * @param authenticatedUser the principal name, may be {@code null}
     * @return a copy with that {@code authenticatedUser}
     */
    public SessionInfo withAuthenticatedUser(String authenticatedUser) {
        return new SessionInfo(remote, helo, authenticatedUser, tls, listener, sessionId);
    }

    /**
     * @param tls whether TLS protects the connection
     * @return a copy with that {@code tls}
     */
    public SessionInfo withTls(boolean tls) {
        return new SessionInfo(remote, helo, authenticatedUser, tls, listener, sessionId);
    }
}
