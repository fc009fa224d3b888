package dev.hermod.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One SASL exchange (RFC 4422 §3), begun with {@link Authenticator#start}. Used by one connection at a
 * time; not thread safe.
 */
@ProviderType
public interface SaslExchange {

    /**
     * The first step: a challenge, or — with an initial response (SASL-IR, RFC 4959; SMTP AUTH's second
     * argument) — possibly the outcome.
     *
     * @param initialResponse the client's initial response, decoded from base64; an empty array for the
     *        protocol's "=" (empty response); {@code null} when the client sent none
     * @return the next step
     */
    AuthStep begin(byte[] initialResponse);

    /**
     * The next step after a client response.
     *
     * @param response the client's response, decoded from base64, or {@code null} when the client
     *        cancelled with {@code *}
     * @return the next step; after a {@link AuthStep.Success} or {@link AuthStep.Failure} the exchange is over
     * @throws IllegalStateException if the exchange is already over
     */
    AuthStep respond(byte[] response);
}
