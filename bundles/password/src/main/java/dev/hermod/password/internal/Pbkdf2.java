package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-1, -SHA-256 or -SHA-512, computed by the JDK, in three layouts:
 * <ul>
 *   <li>Dovecot: {@code {PBKDF2}$1$<salt>$<rounds>$<hex>}, HMAC-SHA-1, the salt's characters used as is;</li>
 *   <li>OpenLDAP pw-pbkdf2 and passlib's {@code ldap_pbkdf2_*}: {@code {PBKDF2}} or {@code {PBKDF2-SHA1}},
 *       {@code {PBKDF2-SHA256}}, {@code {PBKDF2-SHA512}} then {@code <rounds>$<salt>$<hash>};</li>
 *   <li>passlib: {@code $pbkdf2$}, {@code $pbkdf2-sha256$}, {@code $pbkdf2-sha512$} then the same;</li>
 * </ul>
 * the last two in passlib's adapted base64. The stored key is one HMAC long (20, 32 or 64 bytes), as all
 * three write it.
 */
final class Pbkdf2 {
    static final String DOVECOT = "$1$";

    private Pbkdf2() {}

    static String algorithm(PasswordScheme s) {
        return switch (s) {
            case PBKDF2_SHA1 -> "PBKDF2WithHmacSHA1";
            case PBKDF2_SHA256 -> "PBKDF2WithHmacSHA256";
            case PBKDF2_SHA512 -> "PBKDF2WithHmacSHA512";
            default -> throw new IllegalArgumentException(s.name());
        };
    }

    private static int blockBytes(PasswordScheme s) {
        return s == PasswordScheme.PBKDF2_SHA1 ? 20 : s == PasswordScheme.PBKDF2_SHA256 ? 32 : 64;
    }

    /** Dovecot's {@code $1$salt$rounds$hex}. */
    static StoredValue parseDovecot(String prefix, String body) {
        PasswordScheme scheme = PasswordScheme.PBKDF2_SHA1;
        String[] f = body.split("\\$", -1);
        if (f.length != 5 || !Parser.isSaltText(f[2]) || f[2].isEmpty()) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix, "Dovecot"), "malformed");
        }
        byte[] expected;
        try {
            expected = Codecs.hex(f[4]);
        } catch (IllegalArgumentException e) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix, "Dovecot"), "malformed hex");
        }
        return checked(scheme, prefix, "Dovecot", f[3], f[2].getBytes(StandardCharsets.US_ASCII), expected);
    }

    /** {@code rounds$salt$hash} in adapted base64, after an OpenLDAP or passlib prefix. */
    static StoredValue parseModular(PasswordScheme scheme, String prefix, String body) {
        String[] f = body.split("\\$", -1);
        if (f.length != 3) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "malformed");
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Codecs.ab64(f[1]);
            expected = Codecs.ab64(f[2]);
        } catch (IllegalArgumentException e) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "malformed base64");
        }
        return checked(scheme, prefix, null, f[0], salt, expected);
    }

    private static StoredValue checked(PasswordScheme scheme, String prefix, String layout, String roundsText,
            byte[] salt, byte[] expected) {
        if (roundsText.isEmpty() || roundsText.length() > 10 || !roundsText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix, layout), "malformed rounds");
        }
        long rounds = Long.parseLong(roundsText);
        String description = StoredValue.describe(scheme.label(), prefix, layout, "rounds=" + rounds);
        if (rounds < 1 || salt.length == 0) {
            return StoredValue.refused(scheme, description, "malformed");
        }
        if (expected.length != blockBytes(scheme)) {
            // Every writer stores one HMAC's length; a shorter value (a cut column) would match too easily.
            return StoredValue.refused(scheme, description, "wrong hash length");
        }
        if (rounds > Limits.PBKDF2_MAX_ROUNDS) {
            return StoredValue.refused(scheme, description, "rounds above the limit of " + Limits.PBKDF2_MAX_ROUNDS);
        }
        return StoredValue.of(scheme, description,
                password -> MessageDigest.isEqual(derive(scheme, password, salt, (int) rounds, expected.length), expected));
    }

    static byte[] derive(PasswordScheme scheme, String password, byte[] salt, int rounds, int bytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, bytes * 8);
        try {
            // The JDK encodes the characters as UTF-8, as the other tools do.
            return SecretKeyFactory.getInstance(algorithm(scheme)).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + algorithm(scheme), e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Dovecot's layout (for PBKDF2-SHA1) or OpenLDAP's (for SHA-256 and SHA-512). */
    static String hash(PasswordScheme scheme, String password, int rounds) {
        if (scheme == PasswordScheme.PBKDF2_SHA1) {
            String salt = Codecs.cryptSalt(16);
            byte[] key = derive(scheme, password, salt.getBytes(StandardCharsets.US_ASCII), rounds, 20);
            return "{PBKDF2}" + DOVECOT + salt + "$" + rounds + "$" + Codecs.hex(key);
        }
        byte[] salt = Salts.bytes(16);
        byte[] key = derive(scheme, password, salt, rounds, blockBytes(scheme));
        return "{" + scheme.label() + "}" + rounds + "$" + Codecs.ab64(salt) + "$" + Codecs.ab64(key);
    }
}
