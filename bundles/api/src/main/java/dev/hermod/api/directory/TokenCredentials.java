package dev.hermod.api.directory;

import java.util.Locale;
import java.util.Objects;

/**
 * A bearer token, e.g. an OAuth 2.0 access token from SASL {@code OAUTHBEARER} (RFC 7628) or
 * {@code XOAUTH2}, or HTTP {@code Authorization: Bearer} for JMAP.
 *
 * @param name      the user name the client claims, or {@code null} when the mechanism carries none and the
 *                  directory takes the identity from the token
 * @param token     the token as sent, never {@code null} or empty
 * @param mechanism the SASL mechanism name in upper case, e.g. {@code OAUTHBEARER}, {@code XOAUTH2}, or
 *                  {@code BEARER} for HTTP; upper-cased by the constructor, never {@code null}
 */
public record TokenCredentials(String name, String token, String mechanism) implements Credentials {

    /**
     * @param name the user name the client claims, or {@code null} when the mechanism carries none and the
     *             directory takes the identity from the token
     * @param token the token as sent, never {@code null} or empty
     * @param mechanism the SASL mechanism name in upper case, e.g. {@code OAUTHBEARER}, {@code XOAUTH2}, or
     *                  {@code BEARER} for HTTP; upper-cased by the constructor, never {@code null}
     * @throws NullPointerException     if {@code token} or {@code mechanism} is {@code null}
     * @throws IllegalArgumentException if {@code token} or {@code mechanism} is empty, or {@code name} is
     *                                  empty rather than {@code null}
     */
    public TokenCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mechanism, "mechanism");
        if (token.isEmpty() || mechanism.isBlank() || name != null && name.isEmpty()) {
            throw new IllegalArgumentException("token and mechanism must not be empty, nor name if given");
        }
        mechanism = mechanism.toUpperCase(Locale.ROOT);
    }

    /** @return the name and mechanism, with the token masked */
    @Override
    public String toString() {
        return "TokenCredentials[name=" + name + ", token=***, mechanism=" + mechanism + "]";
    }
}
