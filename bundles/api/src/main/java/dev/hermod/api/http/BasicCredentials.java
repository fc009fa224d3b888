package dev.hermod.api.http;

import java.util.Objects;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617), not yet checked.
 *
 * @param username the user id, before the first colon
 * @param password the password, after the first colon
 */
public record BasicCredentials(String username, String password) {

    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }
}
