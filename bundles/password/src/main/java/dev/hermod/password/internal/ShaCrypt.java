package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SHA-crypt, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" (2007, revised 2008):
 * {@code $5$[rounds=N$]salt$hash} (SHA-256, 43 characters) and {@code $6$[rounds=N$]salt$hash} (SHA-512,
 * 86 characters). Written from that specification: salt of at most 16 characters (longer is cut), rounds
 * 5000 by default, below 1000 counted as 1000; above {@link Limits#SHA_CRYPT_MAX_ROUNDS} refused here.
 */
final class ShaCrypt {
    static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final String ROUNDS = "rounds=";

    // The spec's output order: byte triples written as 4 characters each, then the remaining byte(s).
    private static final int[] ORDER_256 = {0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26,
            27, 7, 17, 18, 28, 8, 9, 19, 29};
    private static final int[] ORDER_512 = {0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48,
            28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37,
            58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41};

    private ShaCrypt() {}

    /** {@code setting} starts with {@code $5$} or {@code $6$}. */
    static StoredValue parse(String prefix, String setting) {
        boolean sha512 = setting.charAt(1) == '6';
        PasswordScheme scheme = sha512 ? PasswordScheme.SHA512_CRYPT : PasswordScheme.SHA256_CRYPT;
        int pos = 3;
        int rounds = DEFAULT_ROUNDS;
        String roundsText = null;
        if (setting.startsWith(ROUNDS, pos)) {
            int end = setting.indexOf('$', pos);
            String digits = end < 0 ? "" : setting.substring(pos + ROUNDS.length(), end);
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "malformed rounds");
            }
            long n = Long.parseLong(digits);
            roundsText = "rounds=" + n;
            if (n > Limits.SHA_CRYPT_MAX_ROUNDS) {
                return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix, roundsText),
                        "rounds above the limit of " + Limits.SHA_CRYPT_MAX_ROUNDS);
            }
            rounds = (int) Math.max(n, MIN_ROUNDS);
            pos = end + 1;
        }
        String description = StoredValue.describe(scheme.label(), prefix, roundsText);
        int end = setting.indexOf('$', pos);
        if (end < 0) {
            return StoredValue.refused(scheme, description, "malformed");
        }
        String salt = setting.substring(pos, end);
        String hash = setting.substring(end + 1);
        if (salt.length() > 16 || !Parser.isSaltText(salt) || hash.length() != (sha512 ? 86 : 43)
                || !Codecs.isCrypt64(hash)) {
            return StoredValue.refused(scheme, description, "malformed");
        }
        byte[] expected = hash.getBytes(StandardCharsets.US_ASCII);
        int n = rounds;
        return StoredValue.of(scheme, description, password -> MessageDigest.isEqual(
                encode(sha512, Codecs.utf8(password), salt.getBytes(StandardCharsets.US_ASCII), n)
                        .getBytes(StandardCharsets.US_ASCII), expected));
    }

    static String crypt(boolean sha512, String password, String salt, int rounds) {
        return (sha512 ? "$6$" : "$5$") + (rounds == DEFAULT_ROUNDS ? "" : ROUNDS + rounds + "$") + salt + "$"
                + encode(sha512, Codecs.utf8(password), salt.getBytes(StandardCharsets.US_ASCII), rounds);
    }

    /** The characters after the salt; the numbered steps are the specification's. */
    static String encode(boolean sha512, byte[] pw, byte[] salt, int rounds) {
        String algorithm = sha512 ? "SHA-512" : "SHA-256";
        MessageDigest b = Digests.digest(algorithm); // steps 4-8
        b.update(pw);
        b.update(salt);
        b.update(pw);
        byte[] bSum = b.digest();

        MessageDigest a = Digests.digest(algorithm); // steps 1-3, 9-12
        a.update(pw);
        a.update(salt);
        addRepeated(a, bSum, pw.length);
        for (int i = pw.length; i > 0; i >>>= 1) {
            if ((i & 1) != 0) {
                a.update(bSum);
            } else {
                a.update(pw);
            }
        }
        byte[] aSum = a.digest();

        MessageDigest dp = Digests.digest(algorithm); // steps 13-16
        for (int i = 0; i < pw.length; i++) {
            dp.update(pw);
        }
        byte[] p = repeat(dp.digest(), pw.length);

        MessageDigest ds = Digests.digest(algorithm); // steps 17-20
        for (int i = 0; i < 16 + (aSum[0] & 0xff); i++) {
            ds.update(salt);
        }
        byte[] s = repeat(ds.digest(), salt.length);

        byte[] c = aSum; // step 21
        MessageDigest r = Digests.digest(algorithm);
        for (int i = 0; i < rounds; i++) {
            r.update((i & 1) != 0 ? p : c);
            if (i % 3 != 0) {
                r.update(s);
            }
            if (i % 7 != 0) {
                r.update(p);
            }
            r.update((i & 1) != 0 ? c : p);
            c = r.digest();
        }

        int[] order = sha512 ? ORDER_512 : ORDER_256; // step 22
        StringBuilder out = new StringBuilder(sha512 ? 86 : 43);
        for (int i = 0; i < order.length; i += 3) {
            Codecs.crypt64(out, c[order[i]], c[order[i + 1]], c[order[i + 2]], 4);
        }
        if (sha512) {
            Codecs.crypt64(out, 0, 0, c[63], 2);
        } else {
            Codecs.crypt64(out, 0, c[31], c[30], 3);
        }
        return out.toString();
    }

    /** Adds whole copies of {@code sum} and then its first bytes, {@code length} bytes in all. */
    private static void addRepeated(MessageDigest md, byte[] sum, int length) {
        int left = length;
        for (; left > sum.length; left -= sum.length) {
            md.update(sum);
        }
        md.update(sum, 0, left);
    }

    private static byte[] repeat(byte[] sum, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += sum.length) {
            System.arraycopy(sum, 0, out, i, Math.min(sum.length, length - i));
        }
        return out;
    }
}
