package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;

/** New stored values, with the costs documented on {@link PasswordScheme}. */
public final class Hasher {
    /** SHA-crypt rounds for new values. */
    public static final int SHA_CRYPT_ROUNDS = 500_000;
    /** bcrypt cost for new values. */
    public static final int BCRYPT_COST = 11;
    /** Argon2 memory (KiB), passes and lanes for new values: RFC 9106 §7.4 / OWASP's 19 MiB, 2, 1. */
    public static final int ARGON2_MEMORY_KIB = 19_456;
    public static final int ARGON2_PASSES = 2;
    public static final int ARGON2_LANES = 1;
    /** PBKDF2 iterations for new values (OWASP's 2023 figures for each HMAC). */
    public static final int PBKDF2_SHA1_ROUNDS = 1_300_000;
    public static final int PBKDF2_SHA256_ROUNDS = 600_000;
    public static final int PBKDF2_SHA512_ROUNDS = 210_000;

    private Hasher() {}

    /** Checks of the password are the caller's. */
    public static String hash(PasswordScheme scheme, String password) {
        return switch (scheme) {
            case PLAIN -> "{PLAIN}" + password;
            case MD5, SMD5, SHA, SSHA, SHA256, SSHA256, SHA512, SSHA512 -> Digests.hash(scheme, password);
            case MD5_CRYPT -> "{CRYPT}" + Md5Crypt.crypt(password, Codecs.cryptSalt(8));
            case SHA256_CRYPT, SHA512_CRYPT -> "{CRYPT}" + ShaCrypt.crypt(scheme == PasswordScheme.SHA512_CRYPT,
                    password, Codecs.cryptSalt(16), SHA_CRYPT_ROUNDS);
            case BCRYPT -> "{CRYPT}" + Bcrypt.crypt(password, BCRYPT_COST);
            case ARGON2I, ARGON2ID -> "{" + scheme.label() + "}" + Argon2.hash(scheme == PasswordScheme.ARGON2ID,
                    password, ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES);
            case PBKDF2_SHA1 -> Pbkdf2.hash(scheme, password, PBKDF2_SHA1_ROUNDS);
            case PBKDF2_SHA256 -> Pbkdf2.hash(scheme, password, PBKDF2_SHA256_ROUNDS);
            case PBKDF2_SHA512 -> Pbkdf2.hash(scheme, password, PBKDF2_SHA512_ROUNDS);
        };
    }
}
