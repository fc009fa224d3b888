package dev.hermod.directory.ldap.internal;

/**
 * Checks a presented password against a stored {@code userPassword} value, for {@code auth.mode = hash}:
 * {@link dev.hermod.password.Passwords#verify} in production, a stand-in in tests.
 */
@FunctionalInterface
interface PasswordVerifier {

    /**
     * @param stored    a {@code userPassword} value, e.g. <code>{SSHA}...</code>, or a cleartext value
     * @param presented what the client sent, not empty
     * @return whether they match; {@code false} for a scheme the verifier does not know, never an exception
     */
    boolean verify(String stored, String presented);
}
