package dev.hermod.api.directory;

import java.util.Objects;

/**
 * A user name and password, from SASL {@code PLAIN} or {@code LOGIN}, IMAP {@code LOGIN}, POP3
 * {@code USER}/{@code PASS} or HTTP Basic authentication.
 *
 * @param name   the user name as sent, never {@code null} or empty
 * @param secret the password as sent, never {@code null}
 */
public record PlainCredentials(String name, String secret) implements Credentials {

    /**
     * @param name the user name as sent, never {@code null} or empty
     * @param secret the password as sent, never {@code null}
     * @throws NullPointerException     if either component is {@code null}
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public PlainCredentials {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
    }

    /** @return the name, with the secret masked */
    @Override
    public String toString() {
        return "PlainCredentials[name=" + name + ", secret=***]";
    }
}
