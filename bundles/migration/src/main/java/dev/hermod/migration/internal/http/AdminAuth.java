package dev.hermod.migration.internal.http;

import dev.hermod.api.http.BasicCredentials;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the admin API's credentials: the configured bearer token, or an admin of Karaf's JAAS realm. */
final class AdminAuth {

    /** Checks a user name and password. */
    @FunctionalInterface
    interface PasswordCheck {
        boolean isAdmin(String user, String password);
    }

    private static final long FAILURE_DELAY_MS = 1000;

    private final byte[] token;
    private final PasswordCheck passwords;

    /** @param token the bearer token, or {@code null} for none */
    AdminAuth(String token, PasswordCheck passwords) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        this.passwords = passwords;
    }

    void check(HttpRequest request) throws HttpException {
        Optional<String> bearer = request.bearerToken();
        if (bearer.isPresent() && token != null
                && MessageDigest.isEqual(token, bearer.get().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        Optional<BasicCredentials> basic = request.basicCredentials();
        if (bearer.isEmpty() && basic.isPresent() && passwords.isAdmin(basic.get().username(), basic.get().password())) {
            return;
        }
        if (bearer.isPresent() || basic.isPresent()) {
            try {
                Thread.sleep(FAILURE_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw HttpException.unauthorized("Basic realm=\"Hermod admin\", charset=\"UTF-8\"",
                "The admin API needs the admin token (Authorization: Bearer) or the Karaf admin's user and password.");
    }
}
