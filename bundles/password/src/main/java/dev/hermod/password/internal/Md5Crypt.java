package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * MD5-crypt, Poul-Henning Kamp's {@code $1$salt$hash} (FreeBSD 2.0, 1994): a salt of up to 8 characters,
 * 1000 fixed rounds of MD5, 22 characters of crypt64. Written from the algorithm's description.
 */
final class Md5Crypt {
    static final String MAGIC = "$1$";
    private static final int HASH_CHARS = 22;

    private Md5Crypt() {}

    /** {@code setting} starts with {@code $1$}. */
    static StoredValue parse(String prefix, String setting) {
        String description = StoredValue.describe(PasswordScheme.MD5_CRYPT.label(), prefix);
        int end = setting.indexOf('$', MAGIC.length());
        if (end < 0) {
            return StoredValue.refused(PasswordScheme.MD5_CRYPT, description, "malformed");
        }
        String salt = setting.substring(MAGIC.length(), end);
        String hash = setting.substring(end + 1);
        if (salt.length() > 8 || !Parser.isSaltText(salt) || hash.length() != HASH_CHARS || !Codecs.isCrypt64(hash)) {
            return StoredValue.refused(PasswordScheme.MD5_CRYPT, description, "malformed");
        }
        byte[] expected = hash.getBytes(StandardCharsets.US_ASCII);
        return StoredValue.of(PasswordScheme.MD5_CRYPT, description, password -> MessageDigest.isEqual(
                encode(Codecs.utf8(password), salt.getBytes(StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII),
                expected));
    }

    static String crypt(String password, String salt) {
        return MAGIC + salt + "$" + encode(Codecs.utf8(password), salt.getBytes(StandardCharsets.US_ASCII));
    }

    /** The 22 characters after the salt. */
    static String encode(byte[] pw, byte[] salt) {
        MessageDigest alt = Digests.digest("MD5");
        alt.update(pw);
        alt.update(salt);
        alt.update(pw);
        byte[] altSum = alt.digest();

        MessageDigest ctx = Digests.digest("MD5");
        ctx.update(pw);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(salt);
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(altSum, 0, Math.min(left, 16));
        }
        // For each bit of the length, low bit first: a zero byte when set, else the password's first byte.
        for (int i = pw.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) {
                ctx.update((byte) 0);
            } else {
                ctx.update(pw[0]);
            }
        }
        byte[] f = ctx.digest();

        for (int i = 0; i < 1000; i++) {
            ctx.update((i & 1) != 0 ? pw : f);
            if (i % 3 != 0) {
                ctx.update(salt);
            }
            if (i % 7 != 0) {
                ctx.update(pw);
            }
            ctx.update((i & 1) != 0 ? f : pw);
            f = ctx.digest();
        }

        StringBuilder out = new StringBuilder(HASH_CHARS);
        Codecs.crypt64(out, f[0], f[6], f[12], 4);
        Codecs.crypt64(out, f[1], f[7], f[13], 4);
        Codecs.crypt64(out, f[2], f[8], f[14], 4);
        Codecs.crypt64(out, f[3], f[9], f[15], 4);
        Codecs.crypt64(out, f[4], f[10], f[5], 4);
        Codecs.crypt64(out, 0, 0, f[11], 2);
        return out.toString();
    }
}
