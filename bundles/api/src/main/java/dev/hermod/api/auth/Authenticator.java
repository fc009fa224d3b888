package dev.hermod.api.auth;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/**
 * Logs clients in against the directory in use. Registered by the core; thread safe.
 *
 * <p>Every failure counts against the client's address and the named account. Past the configured number
 * of failures within a time window, further attempts fail with
 * {@link AuthStep.Reason#TOO_MANY_FAILURES} without asking the directory, until the window passes.
 * Logins are by account name, or by email address when the configuration allows it (the address is
 * resolved through the directory).
 */
@ProviderType
public interface Authenticator {

    /**
     * The SASL mechanisms to advertise on a connection, in order of preference.
     *
     * @param client the connection
     * @return mechanism names in upper case, e.g. {@code PLAIN}, {@code LOGIN}; empty on a connection
     *         without TLS when plain-text logins need it
     */
    List<String> mechanisms(ClientInfo client);

    /**
     * Begins a SASL exchange.
     *
     * @param mechanism the mechanism the client chose, any case
     * @param client the connection
     * @return the exchange; for an unknown or unavailable mechanism one whose first step is a
     *         {@link AuthStep.Failure} with {@link AuthStep.Reason#UNSUPPORTED_MECHANISM} or
     *         {@link AuthStep.Reason#ENCRYPTION_REQUIRED}
     */
    SaslExchange start(String mechanism, ClientInfo client);

    /**
     * A plain login with a name and a password (IMAP LOGIN, POP3 USER/PASS, HTTP Basic).
     *
     * @param login the account name or email address
     * @param password the password
     * @param client the connection
     * @return {@link AuthStep.Success} or {@link AuthStep.Failure}, never a challenge
     */
    AuthStep login(String login, String password, ClientInfo client);
}
