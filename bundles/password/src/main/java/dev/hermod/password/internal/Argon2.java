package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.security.MessageDigest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 (RFC 9106) in the PHC string format of the reference implementation:
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, salt and hash in unpadded base64;
 * also {@code $argon2i$}, and version 16 ({@code v=16}, or no {@code v=}). Computed by Bouncy Castle.
 */
final class Argon2 {
    private Argon2() {}

    /** {@code setting} starts with {@code $argon2i$} or {@code $argon2id$}. */
    static StoredValue parse(String prefix, String setting) {
        String[] f = setting.split("\\$", -1);
        boolean id = f[1].equals("argon2id");
        PasswordScheme scheme = id ? PasswordScheme.ARGON2ID : PasswordScheme.ARGON2I;
        int version = Argon2Parameters.ARGON2_VERSION_10;
        int i = 2;
        if (f.length > 2 && f[2].startsWith("v=")) {
            if (f[2].equals("v=19")) {
                version = Argon2Parameters.ARGON2_VERSION_13;
            } else if (!f[2].equals("v=16")) {
                return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "unknown version");
            }
            i = 3;
        }
        if (f.length != i + 3) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "malformed");
        }
        String[] params = f[i].split(",", -1);
        long m;
        long t;
        long p;
        if (params.length != 3 || (m = number(params[0], "m=")) < 0 || (t = number(params[1], "t=")) < 0
                || (p = number(params[2], "p=")) < 0) {
            return StoredValue.refused(scheme, StoredValue.describe(scheme.label(), prefix), "malformed parameters");
        }
        String description = StoredValue.describe(scheme.label(), prefix,
                "v=" + (version == Argon2Parameters.ARGON2_VERSION_13 ? 19 : 16), f[i]);
        if (m > Limits.ARGON2_MAX_MEMORY_KIB) {
            return StoredValue.refused(scheme, description, "memory above the limit of 1 GiB");
        }
        if (m * t > Limits.ARGON2_MAX_WORK_KIB) {
            return StoredValue.refused(scheme, description, "memory times passes above the limit of 4 GiB");
        }
        if (p > Limits.ARGON2_MAX_LANES) {
            return StoredValue.refused(scheme, description, "lanes above the limit of " + Limits.ARGON2_MAX_LANES);
        }
        if (t < 1 || p < 1 || m < 8 * p) {
            return StoredValue.refused(scheme, description, "parameters below Argon2's minimum");
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Codecs.base64(f[i + 1]);
            expected = Codecs.base64(f[i + 2]);
        } catch (IllegalArgumentException e) {
            return StoredValue.refused(scheme, description, "malformed base64");
        }
        if (salt.length < 8 || expected.length < Limits.ARGON2_MIN_HASH_BYTES) {
            return StoredValue.refused(scheme, description, "salt or hash too short");
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(id ? Argon2Parameters.ARGON2_id
                : Argon2Parameters.ARGON2_i).withVersion(version).withMemoryAsKB((int) m).withIterations((int) t)
                .withParallelism((int) p).withSalt(salt).build();
        return StoredValue.of(scheme, description, password -> {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[expected.length];
            generator.generateBytes(Codecs.utf8(password), out);
            return MessageDigest.isEqual(out, expected);
        });
    }

    /** The decimal after {@code name}, or -1. */
    private static long number(String s, String name) {
        if (!s.startsWith(name) || s.length() == name.length() || s.length() > name.length() + 10) {
            return -1;
        }
        for (int i = name.length(); i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s.substring(name.length()));
    }

    static String hash(boolean id, String password, int memoryKib, int passes, int lanes) {
        byte[] salt = Salts.bytes(16);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(id ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(passes)
                .withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(Codecs.utf8(password), out);
        return "$" + (id ? "argon2id" : "argon2i") + "$v=19$m=" + memoryKib + ",t=" + passes + ",p=" + lanes + "$"
                + Codecs.base64Unpadded(salt) + "$" + Codecs.base64Unpadded(out);
    }
}
