package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * One digest of the password, unsalted ({SHA}, {SHA256}, {SHA512}, {MD5}: RFC 2307 §5.3 and OpenLDAP's
 * pw-sha2) or with a salt appended to the password and to the digest ({SSHA}, {SSHA256}, {SSHA512},
 * {SMD5}): {@code base64(H(password + salt) + salt)}. Dovecot writes the same, hex with a {@code .HEX}
 * suffix, and reads an unsalted digest as hex when it has exactly the hex length: so do we.
 */
final class Digests {
    private static final int SALT_BYTES = 8;

    private Digests() {}

    static String algorithm(PasswordScheme s) {
        return switch (s) {
            case SHA, SSHA -> "SHA-1";
            case SHA256, SSHA256 -> "SHA-256";
            case SHA512, SSHA512 -> "SHA-512";
            case MD5, SMD5 -> "MD5";
            default -> throw new IllegalArgumentException(s.name());
        };
    }

    static boolean salted(PasswordScheme s) {
        return s == PasswordScheme.SSHA || s == PasswordScheme.SSHA256 || s == PasswordScheme.SSHA512
                || s == PasswordScheme.SMD5;
    }

    static StoredValue parse(PasswordScheme scheme, String prefix, String body, Parser.Encoding encoding) {
        String description = StoredValue.describe(scheme.label(), prefix);
        MessageDigest md = digest(algorithm(scheme));
        int length = md.getDigestLength();
        boolean salted = salted(scheme);
        byte[] raw;
        try {
            boolean hex = encoding == Parser.Encoding.HEX
                    || encoding == Parser.Encoding.NONE && !salted && body.length() == 2 * length && Codecs.isHex(body);
            raw = hex ? Codecs.hex(body) : Codecs.base64(body);
        } catch (IllegalArgumentException e) {
            return StoredValue.refused(scheme, description, "malformed encoding");
        }
        if (salted ? raw.length <= length : raw.length != length) {
            return StoredValue.refused(scheme, description, "wrong length");
        }
        byte[] expected = Arrays.copyOf(raw, length);
        byte[] salt = Arrays.copyOfRange(raw, length, raw.length);
        return StoredValue.of(scheme, description, password -> {
            MessageDigest m = digest(algorithm(scheme));
            m.update(Codecs.utf8(password));
            m.update(salt);
            return MessageDigest.isEqual(m.digest(), expected);
        });
    }

    static String hash(PasswordScheme scheme, String password) {
        byte[] salt = salted(scheme) ? Salts.bytes(SALT_BYTES) : new byte[0];
        MessageDigest m = digest(algorithm(scheme));
        m.update(Codecs.utf8(password));
        m.update(salt);
        byte[] d = m.digest();
        byte[] out = Arrays.copyOf(d, d.length + salt.length);
        System.arraycopy(salt, 0, out, d.length, salt.length);
        return "{" + scheme.label() + "}" + Codecs.base64(out);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
