package dev.hermod.jmap.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens (RFC 6750) the server issues at {@code /jmap/token} to a client that logged in with Basic:
 * {@code base64url(account "\n" addresses "\n" expiry) "." base64url(HMAC-SHA256)}. The key comes from a file
 * ({@code token.secret.file}) or the environment ({@code HERMOD_JMAP_TOKEN_SECRET}), so tokens stay valid
 * across restarts and nodes; without one a random key is made at start.
 */
final class BearerTokens {

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    BearerTokens(String secret, Duration lifetime, Clock clock) {
        byte[] bytes;
        if (secret == null || secret.isBlank()) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    String issue(User user) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        byte[] payload = (user.name() + "\n" + String.join(",", user.emails()) + "\n" + expiry)
                .getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
    }

    /** @return the user the token was issued to, when it is genuine and not expired */
    Optional<User> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            int nl = text.lastIndexOf('\n');
            if (nl < 0 || Long.parseLong(text.substring(nl + 1)) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            String[] fields = text.substring(0, nl).split("\n", -1);
            if (fields.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new User(fields[0], fields[1].isEmpty() ? java.util.List.of()
                    : java.util.List.of(fields[1].split(","))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
