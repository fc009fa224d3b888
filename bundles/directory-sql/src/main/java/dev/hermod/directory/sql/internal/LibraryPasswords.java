package dev.hermod.directory.sql.internal;

import dev.hermod.password.PasswordScheme;
import dev.hermod.password.Passwords;
import java.util.Objects;
import java.util.Optional;

/**
 * Passwords through {@code dev.hermod.password}: every scheme it reads (Dovecot's, OpenLDAP's, crypt(3),
 * passlib; a value without a scheme is clear text), and new passwords hashed with the configured scheme
 * ({@code password.scheme}, Argon2id by default).
 */
final class LibraryPasswords implements PasswordCodec {

    private final PasswordScheme scheme;

    LibraryPasswords(PasswordScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    /**
     * @param name a scheme name as {@link PasswordScheme#forName} reads it; empty for the library's default
     * @throws IllegalArgumentException for an unknown name
     */
    static LibraryPasswords forScheme(String name) {
        if (name == null || name.isBlank()) {
            return new LibraryPasswords(Passwords.DEFAULT_SCHEME);
        }
        return new LibraryPasswords(PasswordScheme.forName(name).orElseThrow(() -> new IllegalArgumentException(
                "directory.sql password.scheme '" + name + "' is not a scheme; use one of ARGON2ID, BCRYPT,"
                        + " SHA512-CRYPT, SSHA512, PBKDF2-SHA512, ... (see dev.hermod.password.PasswordScheme)")));
    }

    PasswordScheme scheme() {
        return scheme;
    }

    @Override
    public boolean verify(String stored, String presented) {
        return Passwords.verify(stored, presented);
    }

    @Override
    public String hash(String password) {
        return Passwords.hash(scheme, password);
    }

    @Override
    public Optional<String> cleartext(String stored) {
        return Passwords.cleartext(stored);
    }
}
