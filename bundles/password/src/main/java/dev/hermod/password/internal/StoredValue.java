package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.util.Optional;

/**
 * A stored value, parsed: its scheme, a description safe to log, and how a password is checked against it.
 * Parsing decodes and validates only; the costly work happens in {@link #matches}. {@link #toString()}
 * never shows the secret.
 */
public final class StoredValue {
    /** The check of one presented password; may throw on a defect, which the caller counts as a mismatch. */
    @FunctionalInterface
    interface Check {
        boolean matches(String password);
    }

    private final PasswordScheme scheme;
    private final String description;
    private final String problem;
    private final Check check;
    private final String cleartext;

    private StoredValue(PasswordScheme scheme, String description, String problem, Check check, String cleartext) {
        this.scheme = scheme;
        this.description = description;
        this.problem = problem;
        this.check = check;
        this.cleartext = cleartext;
    }

    static StoredValue of(PasswordScheme scheme, String description, Check check) {
        return new StoredValue(scheme, description, null, check, null);
    }

    static StoredValue refused(PasswordScheme scheme, String description, String problem) {
        return new StoredValue(scheme, description, problem, null, null);
    }

    static StoredValue cleartext(String description, String secret, Check check) {
        return new StoredValue(PasswordScheme.PLAIN, description, null, check, secret);
    }

    /** {@code label (detail, detail)}, or just the label without details. */
    static String describe(String label, String... details) {
        StringBuilder s = new StringBuilder(label);
        String sep = " (";
        for (String d : details) {
            if (d != null && !d.isEmpty()) {
                s.append(sep).append(d);
                sep = ", ";
            }
        }
        return sep.equals(", ") ? s.append(')').toString() : s.toString();
    }

    /** The scheme, when it is one Hermod knows, even if this value is refused. */
    public Optional<PasswordScheme> scheme() {
        return Optional.ofNullable(scheme);
    }

    public boolean matches(String password) {
        return problem == null && check.matches(password);
    }

    /** The clear secret of a cleartext value, or empty. */
    public Optional<String> cleartext() {
        return Optional.ofNullable(cleartext);
    }

    /** The scheme and its parameters, and why the value is refused if it is: never a salt or hash. */
    public String describe() {
        return problem == null ? description : description + ": " + problem;
    }

    @Override
    public String toString() {
        return describe();
    }
}
