package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt (Provos and Mazières, 1999) in OpenBSD's string form {@code $2b$NN$} + 22 characters of salt + 31
 * of hash, also {@code $2a$} and {@code $2y$} (the same algorithm today), computed by Bouncy Castle. Only
 * the first 72 bytes of the password count, as in every bcrypt.
 */
final class Bcrypt {
    static final int MAX_PASSWORD_BYTES = 72;
    private static final int MIN_COST = 4;

    private Bcrypt() {}

    /** {@code setting} starts with {@code $2a$}, {@code $2b$} or {@code $2y$}. */
    static StoredValue parse(String prefix, String setting) {
        String version = setting.substring(1, 3);
        String description = StoredValue.describe(PasswordScheme.BCRYPT.label(), prefix, "$" + version + "$");
        if (setting.length() != 60 || setting.charAt(6) != '$' || !Character.isDigit(setting.charAt(4))
                || !Character.isDigit(setting.charAt(5))) {
            return StoredValue.refused(PasswordScheme.BCRYPT, description, "malformed");
        }
        int cost = Integer.parseInt(setting.substring(4, 6));
        description = StoredValue.describe(PasswordScheme.BCRYPT.label(), prefix, "$" + version + "$", "cost=" + cost);
        if (cost < MIN_COST) {
            return StoredValue.refused(PasswordScheme.BCRYPT, description, "cost below 4");
        }
        if (cost > Limits.BCRYPT_MAX_COST) {
            return StoredValue.refused(PasswordScheme.BCRYPT, description,
                    "cost above the limit of " + Limits.BCRYPT_MAX_COST);
        }
        byte[] salt;
        try {
            salt = Codecs.bcrypt64(setting.substring(7, 29), 16);
            Codecs.bcrypt64(setting.substring(29), 23);
        } catch (IllegalArgumentException e) {
            return StoredValue.refused(PasswordScheme.BCRYPT, description, "malformed");
        }
        byte[] expected = setting.substring(29).getBytes(StandardCharsets.US_ASCII);
        return StoredValue.of(PasswordScheme.BCRYPT, description, password -> {
            String computed = OpenBSDBCrypt.generate(version, Codecs.utf8(password), salt, cost);
            // Only the hash: a salt whose last character carries stray low bits is re-encoded differently.
            return MessageDigest.isEqual(computed.substring(29).getBytes(StandardCharsets.US_ASCII), expected);
        });
    }

    static String crypt(String password, int cost) {
        return OpenBSDBCrypt.generate("2b", Codecs.utf8(password), Salts.bytes(16), cost);
    }
}
