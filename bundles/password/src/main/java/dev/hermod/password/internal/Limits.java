package dev.hermod.password.internal;

/**
 * Bounds on the work one verification may cost. A stored value beyond them is refused (it never matches)
 * without computing anything, so a planted or corrupted value cannot tie up a CPU or the heap. The
 * numbers are repeated in the Javadoc of {@link dev.hermod.password.Passwords}.
 */
public final class Limits {
    /** Longest stored value, in characters. */
    public static final int MAX_STORED_CHARS = 4096;
    /** Longest presented password, in characters (SHA-crypt's work grows with the password's length). */
    public static final int MAX_PASSWORD_CHARS = 1024;
    /** SHA-crypt rounds (the specification allows 999,999,999). */
    public static final int SHA_CRYPT_MAX_ROUNDS = 10_000_000;
    /** bcrypt's cost, log2 of its rounds (the format allows 31). */
    public static final int BCRYPT_MAX_COST = 16;
    /** Argon2 memory, in KiB: 1 GiB. */
    public static final long ARGON2_MAX_MEMORY_KIB = 1L << 20;
    /** Argon2 memory times passes, in KiB: 4 GiB of memory filled in all. */
    public static final long ARGON2_MAX_WORK_KIB = 4L << 20;
    /** Argon2 lanes. */
    public static final int ARGON2_MAX_LANES = 64;
    /** PBKDF2 iterations. */
    public static final long PBKDF2_MAX_ROUNDS = 10_000_000;
    /** Shortest Argon2 hash, in bytes: a cut value must not match one password in 2^32. */
    public static final int ARGON2_MIN_HASH_BYTES = 16;

    private Limits() {}
}
