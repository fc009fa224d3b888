package dev.hermod.directory.sql.internal;

import java.util.Optional;

/**
 * Verifies presented passwords against stored secrets and hashes new ones: {@link LibraryPasswords} in
 * production; tests pick a cheap hashing scheme through it.
 */
interface PasswordCodec {

    /**
     * @param stored the stored secret, e.g. {@code {SSHA512}...} or a clear-text password
     * @param presented the password the client sent
     * @return whether they match; {@code false} for a scheme this codec does not know
     */
    boolean verify(String stored, String presented);

    /** @return the password hashed with the default scheme, with its {@code {SCHEME}} prefix */
    String hash(String password);

    /** @return the password itself if {@code stored} keeps it in the clear, else empty */
    Optional<String> cleartext(String stored);
}
