package dev.hermod.password;

import dev.hermod.password.internal.Hasher;
import dev.hermod.password.internal.Limits;
import dev.hermod.password.internal.Parser;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a presented password against a stored value as directories hold them (an LDAP
 * {@code userPassword}, a column of a SQL table, a Dovecot passwd-file), and makes new stored values for
 * admin tools. All methods are static, thread-safe and keep no state.
 *
 * <h2>Stored values read</h2>
 * A brace prefix names the scheme, in any letter case (RFC 2307, OpenLDAP, Dovecot):
 * <table>
 *   <caption>Prefixes</caption>
 *   <tr><th>Prefix</th><th>Value after it</th></tr>
 *   <tr><td>{@code {PLAIN}}, {@code {CLEAR}}, {@code {CLEARTEXT}}</td><td>the password</td></tr>
 *   <tr><td>{@code {SHA}} or {@code {SHA1}}, {@code {SHA256}}, {@code {SHA512}}, {@code {MD5}},
 *       {@code {LDAP-MD5}}, {@code {PLAIN-MD5}}</td>
 *       <td>base64 of the digest, or hex of it (exactly twice the digest's length)</td></tr>
 *   <tr><td>{@code {SSHA}}, {@code {SSHA256}}, {@code {SSHA512}}, {@code {SMD5}}</td>
 *       <td>base64 of the digest of password + salt, followed by the salt (at least one byte)</td></tr>
 *   <tr><td>{@code {CRYPT}}, and Dovecot's {@code {MD5-CRYPT}}, {@code {SHA256-CRYPT}},
 *       {@code {SHA512-CRYPT}}, {@code {BLF-CRYPT}}, {@code {ARGON2I}}, {@code {ARGON2ID}}, OpenLDAP's
 *       {@code {ARGON2}}</td><td>a crypt string, below (the prefix does not restrict which)</td></tr>
 *   <tr><td>{@code {MD5}} followed by {@code $1$}</td><td>MD5-crypt (Dovecot's meaning of {@code {MD5}})</td></tr>
 *   <tr><td>{@code {PBKDF2}} followed by {@code $1$}</td>
 *       <td>Dovecot: {@code $1$<salt>$<rounds>$<hex>}, HMAC-SHA-1, the salt's characters as they are</td></tr>
 *   <tr><td>{@code {PBKDF2}} otherwise, {@code {PBKDF2-SHA1}}, {@code {PBKDF2-SHA256}},
 *       {@code {PBKDF2-SHA512}}</td>
 *       <td>OpenLDAP pw-pbkdf2 and passlib {@code ldap_pbkdf2_*}: {@code <rounds>$<salt>$<hash>} in adapted
 *       base64 (standard base64 with {@code .} for {@code +}, unpadded)</td></tr>
 * </table>
 * Dovecot's encoding suffixes work on the digest and cleartext prefixes: {@code {SHA256.HEX}},
 * {@code {SSHA512.B64}}, {@code {PLAIN.BASE64}}. A prefix is {@code '{'}, 1 to 32 of
 * {@code [A-Za-z0-9._-]}, {@code '}'}.
 *
 * <p>Crypt strings, after a prefix above or bare:
 * <ul>
 *   <li>{@code $1$<salt>$<hash>}: MD5-crypt (Poul-Henning Kamp), salt up to 8 characters;</li>
 *   <li>{@code $5$[rounds=<n>$]<salt>$<hash>} and {@code $6$…}: SHA-256-crypt and SHA-512-crypt (Ulrich
 *       Drepper), salt up to 16 characters, 5000 rounds if not given, fewer than 1000 counted as 1000;</li>
 *   <li>{@code $2a$}, {@code $2b$}, {@code $2y$<cost>$<22 salt><31 hash>}: bcrypt (first 72 bytes of the
 *       password);</li>
 *   <li>{@code $argon2i$} and {@code $argon2id$[v=19$|v=16$]m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}: Argon2
 *       in the PHC string format, unpadded base64 (no {@code v=} means version 16);</li>
 *   <li>{@code $pbkdf2$}, {@code $pbkdf2-sha256$}, {@code $pbkdf2-sha512$<rounds>$<salt>$<hash>}: passlib's
 *       PBKDF2 with HMAC-SHA-1, -SHA-256, -SHA-512, adapted base64.</li>
 * </ul>
 * A crypt string is {@code '$'}, an id of 1 to 32 of {@code [a-z0-9-]}, {@code '$'}: other ids
 * ({@code $y$} yescrypt, {@code $7$} scrypt, …), DES-crypt and SHA-384 digests are not supported and match
 * nothing.
 *
 * <h2>Cleartext</h2>
 * A value is cleartext when its prefix is {@code {PLAIN}}, {@code {CLEAR}} or {@code {CLEARTEXT}} (with
 * any encoding suffix), or when it has <em>no scheme</em>: it does not start with a well-formed brace
 * prefix and does not start with a crypt string's {@code $id$}. So {@code secret}, {@code {my secret}}
 * (a space is not allowed in a prefix) and {@code $ecret} are cleartext, but {@code $ecret$} and
 * {@code {FOO}bar} are not (an unknown crypt id and an unknown scheme: they match nothing). A bare
 * 13-character DES-crypt value is, unavoidably, read as cleartext: prefix it with {@code {CRYPT}}. Store
 * cleartext with {@code {PLAIN}} to be unambiguous. An empty secret is no password: it matches nothing and
 * is not cleartext.
 *
 * <h2>Passwords</h2>
 * The presented password is hashed as the UTF-8 bytes of the string, without normalization (as OpenLDAP,
 * Dovecot, crypt(3) and passlib do with what they are given). A password containing U+0000 never matches
 * (no C tool can have hashed one; SASL uses it as a separator).
 *
 * <h2>Limits</h2>
 * Verification refuses, as a mismatch and before any hashing, a stored value longer than 4096 characters,
 * a presented password longer than 1024 characters, SHA-crypt with more than 10,000,000 rounds, bcrypt
 * with a cost above 16, Argon2 with more than 1 GiB of memory ({@code m} &gt; 1048576), memory times
 * passes above 4 GiB, or more than 64 lanes, and PBKDF2 with more than 10,000,000 iterations. A value at
 * a limit still costs what it says: an Argon2 verification holds its {@code m} KiB on the heap while it
 * runs. Values too short to be safe are refused too: an Argon2 hash under 16 bytes, a PBKDF2 key shorter
 * than its HMAC (20, 32 or 64 bytes), a salted digest without salt.
 *
 * <h2>Timing</h2>
 * Every comparison of a computed value with a stored one is {@link java.security.MessageDigest#isEqual},
 * whose time does not depend on where the bytes differ; a wrong password costs the same hashing as a right
 * one. Refused values return at once, so an attacker who can time logins learns that an account's stored
 * value is unusable; to hide whether an account exists, callers verify against a dummy value made once
 * with {@link #hash(String)} when the directory has no such user.
 */
public final class Passwords {
    /** The scheme of {@link #hash(String)}: {@link PasswordScheme#ARGON2ID}. */
    public static final PasswordScheme DEFAULT_SCHEME = PasswordScheme.ARGON2ID;

    private Passwords() {}

    /**
     * Whether a presented password matches a stored value. Never throws: a stored value that is absent,
     * malformed, of an unknown scheme or beyond the limits matches nothing; {@link #describe(String)} says
     * which, for the log.
     *
     * @param stored the stored value exactly as the directory holds it (not trimmed), may be {@code null}
     * @param presented the password the client sent, may be {@code null} (matches nothing)
     * @return {@code true} only if the password matches
     */
    public static boolean verify(String stored, String presented) {
        if (presented == null || presented.length() > Limits.MAX_PASSWORD_CHARS || presented.indexOf('\0') >= 0) {
            return false;
        }
        try {
            return Parser.parse(stored).matches(presented);
        } catch (RuntimeException e) {
            return false; // a defect in a check is a mismatch, never an exception at login
        }
    }

    /**
     * A new stored value of the {@linkplain #DEFAULT_SCHEME default scheme}, Argon2id, for admin tools.
     *
     * <p>Why Argon2id: it is RFC 9106's and OWASP's first choice, memory-hard (costly on GPUs and ASICs
     * where bcrypt and PBKDF2 are cheap), hashes the whole password (bcrypt ignores bytes past 72), and its
     * PHC string is read by Dovecot as {@code {ARGON2ID}} and by OpenLDAP's argon2 module after
     * {@code {ARGON2}}. Its parameters (19 MiB, 2 passes, 1 lane) take some 50&ndash;100 ms and 19 MiB of
     * heap per login on a current core; choose {@link PasswordScheme#BCRYPT} where a peer reads only
     * {@code {CRYPT}}.
     *
     * @param password the new password, not {@code null}
     * @return the stored value, prefix included
     * @throws IllegalArgumentException as {@link #hash(PasswordScheme, String)}
     */
    public static String hash(String password) {
        return hash(DEFAULT_SCHEME, password);
    }

    /**
     * A new stored value of the given scheme, with a fresh random salt, in the layout and with the cost
     * that {@link PasswordScheme}'s constants document. Costly schemes take tens to hundreds of
     * milliseconds: not for a request path.
     *
     * @param scheme the scheme, not {@code null}
     * @param password the new password, not {@code null}
     * @return the stored value, prefix included; {@link #verify} accepts the password against it
     * @throws IllegalArgumentException if the password is empty, longer than 1024 characters, contains
     *     U+0000 (none of which {@link #verify} would ever accept), or for {@link PasswordScheme#BCRYPT}
     *     is longer than 72 bytes in UTF-8 (bcrypt would ignore the rest)
     * @throws NullPointerException if an argument is {@code null}
     */
    public static String hash(PasswordScheme scheme, String password) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The password is empty; an empty password is never accepted.");
        }
        if (password.length() > Limits.MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("The password is longer than " + Limits.MAX_PASSWORD_CHARS
                    + " characters, which verification refuses; choose a shorter one.");
        }
        if (password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The password contains U+0000, which verification refuses.");
        }
        if (scheme == PasswordScheme.BCRYPT && password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("bcrypt uses only the first 72 bytes of a password and this one is"
                    + " longer in UTF-8; choose " + DEFAULT_SCHEME.label() + " or a shorter password.");
        }
        return Hasher.hash(scheme, password);
    }

    /**
     * The scheme of a stored value, for example to re-hash it with the default scheme after a successful
     * login. Known schemes are reported even when the value is malformed or beyond the limits.
     *
     * @param stored the stored value, may be {@code null}
     * @return the scheme; {@link PasswordScheme#PLAIN} for cleartext; empty when absent, empty or unknown
     */
    public static Optional<PasswordScheme> scheme(String stored) {
        return Parser.parse(stored).scheme();
    }

    /**
     * What a stored value is, for a log line: the scheme, the prefix or layout it came in, its cost
     * parameters, and why it matches nothing if it does not; never a salt, hash or cleartext. For
     * example {@code SHA512-CRYPT ({CRYPT}, rounds=5000)}, {@code BCRYPT ($2y$, cost=20): cost above the
     * limit of 16}, {@code PLAIN (no prefix)}, {@code scheme {FOO}: unknown}. An unknown prefix or crypt id
     * is named only when something follows it (alone, {@code {hunter2}} may be someone's cleartext).
     *
     * @param stored the stored value, may be {@code null}
     * @return the description, never {@code null}
     */
    public static String describe(String stored) {
        return Parser.parse(stored).describe();
    }

    /**
     * Whether the stored value is cleartext, by the rule in the class description, so that mechanisms
     * needing the clear secret (CRAM-MD5, DIGEST-MD5) can use it.
     *
     * @param stored the stored value, may be {@code null}
     * @return {@code true} for a {@code {PLAIN}}-family value or a value without a scheme, non-empty and
     *     well-encoded
     */
    public static boolean isCleartext(String stored) {
        return Parser.parse(stored).cleartext().isPresent();
    }

    /**
     * The clear secret of a cleartext value: after its prefix (decoded for {@code .B64}/{@code .HEX}),
     * or the whole value when it has no scheme.
     *
     * @param stored the stored value, may be {@code null}
     * @return the secret, or empty when {@link #isCleartext} is {@code false}
     */
    public static Optional<String> cleartext(String stored) {
        return Parser.parse(stored).cleartext();
    }
}
