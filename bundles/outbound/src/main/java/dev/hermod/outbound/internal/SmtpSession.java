package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP session ready for mail transactions: connected, greeted, EHLO (or HELO) said, TLS and AUTH done as the
 * {@link SessionPolicy} asks. Opened by {@link #open}, used by one delivery at a time, then either given to the
 * {@link ConnectionPool} for the next message to the same host or ended with {@link #quit()}.
 */
final class SmtpSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private static final Duration QUIT_WAIT = Duration.ofSeconds(5);

    private final SmtpConnection connection;
    private final SessionPolicy policy;
    private final Timeouts timeouts;
    private final Capabilities capabilities;
    private int transactions;
    private long idleSince;

    private SmtpSession(SmtpConnection connection, SessionPolicy policy, Timeouts timeouts, Capabilities capabilities) {
        this.connection = connection;
        this.policy = policy;
        this.timeouts = timeouts;
        this.capabilities = capabilities;
    }

    /**
     * Opens a session: connects, reads the greeting, says EHLO (HELO if EHLO is refused with 5xx, RFC 5321
     * §3.2), starts TLS and authenticates as the policy says (EHLO again after TLS, RFC 3207 §4.2).
     *
     * @param destination where to
     * @param policy      TLS and AUTH
     * @param helo        the name to give in EHLO/HELO
     * @param timeouts    time-outs
     * @param tls         the TLS client configurations
     * @param watchdog    guards writes
     * @return the session, ready for {@code MAIL}
     * @throws HostFailure if this host cannot take mail now; the reply says why
     */
    static SmtpSession open(Destination destination, SessionPolicy policy, String helo, Timeouts timeouts,
                            TlsContexts tls, WriteWatchdog watchdog) throws HostFailure {
        SmtpConnection c;
        try {
            c = SmtpConnection.open(destination, timeouts, watchdog);
        } catch (IOException e) {
            throw HostFailure.temporary("4.4.1", "Cannot connect to " + destination + ": " + e.getMessage(), e);
        }
        try {
            if (policy.tls() == TlsMode.IMPLICIT) {
                try {
                    c.startTls(tls.factory(policy.verify()), policy.verify());
                } catch (IOException e) {
                    throw tlsFailure(destination, policy, "TLS handshake failed: " + e.getMessage(), e);
                }
            }
            Reply greeting = c.read(timeouts.greeting());
            if (!greeting.isPositiveCompletion()) {
                throw new HostFailure(refused(destination, "greeting", greeting), null);
            }
            Capabilities caps = hello(c, helo, timeouts, destination);
            caps = startTls(c, caps, policy, helo, timeouts, tls, destination);
            if (policy.authenticates()) {
                authenticate(c, caps, policy, timeouts, destination);
            }
            LOG.debug("session to {} open: {}{}", destination, caps.keywords(),
                    c.secure() ? ", " + c.tlsDescription() : "");
            return new SmtpSession(c, policy, timeouts, caps);
        } catch (HostFailure e) {
            quietQuit(c, timeouts);
            throw e;
        } catch (IOException e) {
            c.close();
            throw HostFailure.temporary("4.4.2", "Connection to " + destination + " failed before MAIL: "
                    + e.getMessage(), e);
        }
    }

    private static Capabilities hello(SmtpConnection c, String helo, Timeouts timeouts, Destination destination)
            throws IOException, HostFailure {
        c.write("EHLO " + helo);
        c.flush();
        Reply ehlo = c.read(timeouts.command());
        if (ehlo.isPositiveCompletion()) {
            return Capabilities.parse(ehlo);
        }
        if (!ehlo.isPermanent()) {
            throw new HostFailure(refused(destination, "EHLO", ehlo), null);
        }
        c.write("HELO " + helo);
        c.flush();
        Reply reply = c.read(timeouts.command());
        if (!reply.isPositiveCompletion()) {
            throw new HostFailure(refused(destination, "HELO", reply), null);
        }
        return Capabilities.NONE;
    }

    private static Capabilities startTls(SmtpConnection c, Capabilities caps, SessionPolicy policy, String helo,
                                         Timeouts timeouts, TlsContexts tls, Destination destination)
            throws IOException, HostFailure {
        boolean required = policy.tls() == TlsMode.REQUIRED;
        if (!required && policy.tls() != TlsMode.OPPORTUNISTIC) {
            return caps;
        }
        if (!caps.has("STARTTLS")) {
            if (required) {
                throw tlsFailure(destination, policy, destination + " does not offer STARTTLS", null);
            }
            if (policy.audit() != null) {
                LOG.warn("{}: {} does not offer STARTTLS; delivering without TLS", policy.audit(), destination);
            }
            return caps;
        }
        c.write("STARTTLS");
        c.flush();
        Reply reply = c.read(timeouts.command());
        if (reply.code() != 220) {
            if (required) {
                throw tlsFailure(destination, policy, "STARTTLS refused: " + reply, null);
            }
            if (policy.audit() != null) {
                LOG.warn("{}: {} refused STARTTLS ({}); delivering without TLS", policy.audit(), destination, reply);
            } else {
                LOG.info("{} refused STARTTLS ({}); going on without TLS", destination, reply);
            }
            return caps;
        }
        try {
            if (policy.audit() != null) {
                // Verified as MTA-STS would (chain and host name), but any certificate is accepted (RFC 8461 §5).
                TlsContexts.Audit audit = tls.audit();
                c.startTls(audit.factory(), true);
                if (audit.failure() != null) {
                    LOG.warn("{}: the certificate of {} would fail validation: {}; delivering anyway",
                            policy.audit(), destination, audit.failure());
                }
            } else {
                c.startTls(tls.factory(required && policy.verify()), required && policy.verify());
            }
        } catch (IOException e) {
            if (required) {
                throw tlsFailure(destination, policy, "TLS handshake failed: " + e.getMessage(), e);
            }
            // The session is unusable after a failed handshake; the next host (or the next attempt) is tried.
            throw HostFailure.temporary("4.7.5", "Opportunistic TLS handshake with " + destination + " failed: "
                    + e.getMessage(), e);
        }
        return hello(c, helo, timeouts, destination);
    }

    private static void authenticate(SmtpConnection c, Capabilities caps, SessionPolicy policy, Timeouts timeouts,
                                     Destination destination) throws IOException, HostFailure {
        if (!c.secure() && !policy.plaintextAuth()) {
            throw HostFailure.temporary("4.7.0", "Not sending the credentials for " + destination
                    + " without TLS (set relay.auth.plaintext = true to allow it)", null);
        }
        Reply reply;
        try {
            reply = SaslClient.authenticate(c, caps, policy.username(), policy.password(), timeouts);
        } catch (IllegalStateException e) {
            throw HostFailure.temporary("4.7.0", "Cannot authenticate to " + destination + ": " + e.getMessage()
                    + (caps.authMechanisms().isEmpty() && !c.secure() ? " (it may offer AUTH only after TLS)" : ""),
                    e);
        }
        if (reply.code() != 235) {
            // A wrong password is the configuration's fault, not the message's: retry rather than bounce.
            throw HostFailure.temporary("4.7.0", "Authentication as " + policy.username() + " to " + destination
                    + " failed: " + reply, null);
        }
    }

    /**
     * {@code 451 4.7.5}: "TLS required (tls.required.domains) but not available with ...", or for an MTA-STS
     * policy "MTA-STS policy of example.com, mode enforce: TLS with a valid certificate required but not ...".
     */
    private static HostFailure tlsFailure(Destination destination, SessionPolicy policy, String detail, Throwable e) {
        String by = policy.tlsRequiredBy();
        String what = by != null && by.startsWith("MTA-STS") ? by + ": TLS with a valid certificate required"
                : "TLS required" + (by == null ? "" : " (" + by + ")");
        return HostFailure.temporary("4.7.5", what + " but not available with " + destination + ": " + detail, e);
    }

    private static SmtpReply refused(Destination destination, String step, Reply reply) {
        SmtpReply r = reply.smtpReply();
        boolean failure = r.isPermanent() || r.isTransient();
        return new SmtpReply(failure ? r.code() : 451, failure ? r.enhancedStatus() : "4.4.2",
                HostFailure.oneLine(destination + " refused the session at " + step + ": " + r));
    }

    /** @return the server's extensions */
    Capabilities capabilities() {
        return capabilities;
    }

    /** @return the connection */
    SmtpConnection connection() {
        return connection;
    }

    /** @return the policy the session was opened with */
    SessionPolicy policy() {
        return policy;
    }

    /** @return the time-outs */
    Timeouts timeouts() {
        return timeouts;
    }

    /** @return how many transactions ran on this session */
    int transactions() {
        return transactions;
    }

    /** Counts a transaction. */
    void countTransaction() {
        transactions++;
    }

    /** Marks the session idle now. */
    void markIdle() {
        idleSince = System.nanoTime();
    }

    /** @return when the session became idle ({@link System#nanoTime()}) */
    long idleSince() {
        return idleSince;
    }

    /**
     * Resets the session for the next transaction ({@code RSET}, RFC 5321 §4.1.1.5).
     *
     * @return whether the server answered 250 (else the session is closed and must not be used)
     */
    boolean reset() {
        try {
            connection.write("RSET");
            connection.flush();
            if (connection.read(timeouts.command()).isPositiveCompletion()) {
                return true;
            }
        } catch (IOException e) {
            LOG.debug("idle session to {} is gone: {}", connection.destination(), e.getMessage());
        }
        connection.close();
        return false;
    }

    /** Says QUIT, waits briefly for the reply, and closes. */
    void quit() {
        quietQuit(connection, timeouts);
    }

    /** Same as {@link #quit()}. */
    @Override
    public void close() {
        quit();
    }

    private static void quietQuit(SmtpConnection c, Timeouts timeouts) {
        try {
            c.write("QUIT");
            c.flush();
            c.read(QUIT_WAIT.compareTo(timeouts.command()) < 0 ? QUIT_WAIT : timeouts.command());
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "SmtpSession[" + connection.destination() + ", " + Objects.toString(policy) + "]";
    }
}
