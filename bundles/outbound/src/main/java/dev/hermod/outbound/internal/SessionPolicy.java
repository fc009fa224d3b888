package dev.hermod.outbound.internal;

import java.util.Objects;

/**
 * What a session to a route's hosts must do beyond plain SMTP: its TLS mode, whether the certificate is verified,
 * and the credentials for SMTP AUTH. Pooled connections are kept per destination and policy, so a connection
 * opened for one policy is never reused for another.
 *
 * @param tls              the TLS mode, never {@code null}
 * @param verify           whether the server's certificate must chain to a trusted certificate and name the
 *                         host (ignored for {@link TlsMode#NONE} and {@link TlsMode#OPPORTUNISTIC})
 * @param tlsRequiredBy    why TLS is required, for the failure text (e.g. {@code tls.required.domains}), or
 *                         {@code null}
 * @param username         the AUTH user name, or {@code null} for no AUTH
 * @param password         the AUTH password, or {@code null} for no AUTH
 * @param plaintextAuth    whether credentials may be sent without TLS
 */
record SessionPolicy(TlsMode tls, boolean verify, String tlsRequiredBy, String username, String password,
                     boolean plaintextAuth) {

    /** The policy of mail to an MX host without a TLS requirement. */
    static final SessionPolicy OPPORTUNISTIC = new SessionPolicy(TlsMode.OPPORTUNISTIC, false, null, null, null, false);

    /** Checks. */
    SessionPolicy {
        Objects.requireNonNull(tls, "tls");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("AUTH needs both a user name and a password");
        }
    }

    /** @return whether the session authenticates */
    boolean authenticates() {
        return username != null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SessionPolicy[tls=" + tls + ", verify=" + verify + ", user=" + username + "]";
    }
}
