package dev.hermod.api.directory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a client presented to authenticate, as decoded by the core's SASL mechanisms (and HTTP
 * authentication for JMAP).
 *
 * <p>Sealed: a directory switches over {@link PlainCredentials} and {@link TokenCredentials}. Later minor
 * versions of this package may add kinds, so switches should have a default branch that fails the
 * authentication.
 *
 * <p>Implementations' {@code toString()} never shows the secret.
 */
@ProviderType
public sealed interface Credentials permits PlainCredentials, TokenCredentials {

    /**
     * The name the client authenticates as (the SASL authentication identity).
     *
     * @return the name as the client sent it, or {@code null} where the mechanism takes it from the secret
     *         (an OAuth token without user name)
     */
    String name();
}
