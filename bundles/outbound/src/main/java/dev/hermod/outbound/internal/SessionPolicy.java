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
 * @param audit            with {@link TlsMode#OPPORTUNISTIC}: the MTA-STS policy in mode {@code testing} whose
 *                         failures to log (a missing STARTTLS, a certificate that verified TLS would refuse),
 *                         e.g. {@code MTA-STS policy of example.com, mode testing}; else {@code null}
 */
record SessionPolicy(TlsMode tls, boolean verify, String tlsRequiredBy, String username, String password,
                     boolean plaintextAuth, String audit) {

    /** The policy of mail to an MX host without a TLS requirement. */
    static final SessionPolicy OPPORTUNISTIC = new SessionPolicy(TlsMode.OPPORTUNISTIC, false, null, null, null, false);

    /** Checks. */
    SessionPolicy {
        Objects.requireNonNull(tls, "tls");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("AUTH needs both a user name and a password");
        }
        if (audit != null && tls != TlsMode.OPPORTUNISTIC) {
            throw new IllegalArgumentException("only opportunistic TLS is audited");
        }
    }

    /** A policy without audit; see the record's components. */
    SessionPolicy(TlsMode tls, boolean verify, String tlsRequiredBy, String username, String password,
                  boolean plaintextAuth) {
        this(tls, verify, tlsRequiredBy, username, password, plaintextAuth, null);
    }

    /**
     * @param label the policy whose failures are logged, e.g. {@code MTA-STS policy of example.com, mode testing}
     * @return opportunistic TLS to an MX host, with the failures that verified TLS would have had logged
     */
    static SessionPolicy audited(String label) {
        return new SessionPolicy(TlsMode.OPPORTUNISTIC, false, null, null, null, false,
                Objects.requireNonNull(label, "label"));
    }

    /** @return whether the session authenticates */
    boolean authenticates() {
        return username != null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SessionPolicy[tls=" + tls + ", verify=" + verify + ", user=" + username
                + (audit == null ? "" : ", audit=" + audit) + "]";
    }
}
