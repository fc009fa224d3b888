package dev.hermod.password;

import java.util.Locale;
import java.util.Optional;

/**
 * The password schemes Hermod verifies, and the layout {@link Passwords#hash(PasswordScheme, String)}
 * writes for each. {@link Passwords#verify} reads more layouts than these (see {@link Passwords}); the
 * scheme of a stored value is {@link Passwords#scheme(String)}.
 *
 * <p>Only {@link #ARGON2ID} (the default), {@link #ARGON2I}, {@link #BCRYPT}, the SHA-crypts and the
 * PBKDF2s are fit for new passwords; the others exist to verify values migrated from older systems, and to
 * write them for a peer that reads nothing else.
 */
public enum PasswordScheme {
    /**
     * The password itself: {@code {PLAIN}secret}. Needed by mechanisms that use the clear secret
     * (CRAM-MD5); anyone who reads the directory has the password.
     */
    PLAIN("PLAIN"),
    /** Unsalted MD5, RFC 2307: {@code {MD5}base64}. Broken; for old values only. */
    MD5("MD5"),
    /** Salted MD5: {@code {SMD5}base64(md5(password + salt) + salt)}, 8-byte salt. For old values only. */
    SMD5("SMD5"),
    /** Unsalted SHA-1, RFC 2307: {@code {SHA}base64}. For old values only. */
    SHA("SHA"),
    /** Salted SHA-1 (OpenLDAP's default): {@code {SSHA}base64(sha1(password + salt) + salt)}, 8-byte salt. Fast, so weak. */
    SSHA("SSHA"),
    /** Unsalted SHA-256 (OpenLDAP pw-sha2, Dovecot): {@code {SHA256}base64}. For old values only. */
    SHA256("SHA256"),
    /** Salted SHA-256: {@code {SSHA256}base64(sha256(password + salt) + salt)}, 8-byte salt. Fast, so weak. */
    SSHA256("SSHA256"),
    /** Unsalted SHA-512 (OpenLDAP pw-sha2, Dovecot): {@code {SHA512}base64}. For old values only. */
    SHA512("SHA512"),
    /** Salted SHA-512: {@code {SSHA512}base64(sha512(password + salt) + salt)}, 8-byte salt. Fast, so weak. */
    SSHA512("SSHA512"),
    /** Poul-Henning Kamp's MD5-crypt: {@code {CRYPT}$1$salt$hash}, 8-character salt, 1000 fixed rounds. Weak. */
    MD5_CRYPT("MD5-CRYPT"),
    /**
     * Drepper's SHA-256-crypt: {@code {CRYPT}$5$rounds=500000$salt$hash}, 16-character salt, 500,000
     * rounds. Read by OpenLDAP's and Dovecot's {@code {CRYPT}} through the system's crypt(3).
     */
    SHA256_CRYPT("SHA256-CRYPT"),
    /** Drepper's SHA-512-crypt: {@code {CRYPT}$6$rounds=500000$salt$hash}, as {@link #SHA256_CRYPT}. */
    SHA512_CRYPT("SHA512-CRYPT"),
    /**
     * bcrypt: {@code {CRYPT}$2b$11$<salt><hash>}, cost 11. Read by OpenLDAP's and Dovecot's {@code {CRYPT}}
     * on systems whose crypt(3) has bcrypt (libxcrypt: Debian, Fedora), and by Dovecot as {@code {BLF-CRYPT}}.
     * bcrypt uses only the first 72 bytes of a password: hashing a longer one is refused.
     */
    BCRYPT("BCRYPT"),
    /**
     * PBKDF2 with HMAC-SHA-1 in Dovecot's layout: {@code {PBKDF2}$1$salt$rounds$hex}, 16-character salt,
     * 1,300,000 iterations, 20-byte key. (OpenLDAP's pw-pbkdf2 reads {@code {PBKDF2}} otherwise: write
     * {@link #PBKDF2_SHA256} for it.)
     */
    PBKDF2_SHA1("PBKDF2-SHA1"),
    /**
     * PBKDF2 with HMAC-SHA-256 in OpenLDAP pw-pbkdf2's layout: {@code {PBKDF2-SHA256}rounds$salt$hash},
     * passlib's adapted base64, 16-byte salt, 600,000 iterations, 32-byte key.
     */
    PBKDF2_SHA256("PBKDF2-SHA256"),
    /**
     * PBKDF2 with HMAC-SHA-512, as {@link #PBKDF2_SHA256}: {@code {PBKDF2-SHA512}rounds$salt$hash},
     * 210,000 iterations, 64-byte key.
     */
    PBKDF2_SHA512("PBKDF2-SHA512"),
    /**
     * Argon2i, RFC 9106, in Dovecot's layout: {@code {ARGON2I}$argon2i$v=19$m=19456,t=2,p=1$salt$hash},
     * 16-byte salt, 32-byte hash. Prefer {@link #ARGON2ID}.
     */
    ARGON2I("ARGON2I"),
    /**
     * Argon2id, RFC 9106, in Dovecot's layout: {@code {ARGON2ID}$argon2id$v=19$m=19456,t=2,p=1$salt$hash}
     * (19 MiB, 2 passes, 1 lane: OWASP's first recommended setting), 16-byte salt, 32-byte hash. The
     * default. OpenLDAP's argon2 module reads the same string after {@code {ARGON2}} instead.
     */
    ARGON2ID("ARGON2ID");

    private final String label;

    PasswordScheme(String label) {
        this.label = label;
    }

    /**
     * The scheme's name as Dovecot and OpenLDAP spell it in a brace prefix ({@code "SSHA512"},
     * {@code "SHA512-CRYPT"}) and as {@link Passwords#describe(String)} reports it; {@code "BCRYPT"} for
     * bcrypt (Dovecot says {@code BLF-CRYPT}).
     *
     * @return the name, never {@code null}
     */
    public String label() {
        return label;
    }

    /**
     * The scheme an admin names, for a command's option: a {@linkplain #label() label} or constant name,
     * or a name {@code doveadm pw -s} takes ({@code CLEAR}, {@code CLEARTEXT}, {@code SHA1},
     * {@code BLF-CRYPT}, {@code PBKDF2}, {@code LDAP-MD5}); case-insensitive.
     *
     * @param name the name, may be {@code null}
     * @return the scheme, or empty when the name is none of these
     */
    public static Optional<PasswordScheme> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "CLEAR", "CLEARTEXT":
                return Optional.of(PLAIN);
            case "SHA1":
                return Optional.of(SHA);
            case "BLF-CRYPT":
                return Optional.of(BCRYPT);
            case "PBKDF2":
                return Optional.of(PBKDF2_SHA1);
            case "LDAP-MD5":
                return Optional.of(MD5);
            default:
                break;
        }
        for (PasswordScheme s : values()) {
            if (s.label.equals(n) || s.name().equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
