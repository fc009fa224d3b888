package dev.hermod.api.sieve;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Sieve scripts of every account, kept by the core in the metadata store. Registered by the core; thread
 * safe; every method may block on the store and throws {@link dev.hermod.api.mail.TemporaryFailureException}
 * when it is unavailable.
 *
 * <p>Script names are 1 to 128 characters without control characters (RFC 5804 §1.6); a script's text is
 * UTF-8 of at most {@link #MAX_SCRIPT_SIZE} octets. Nothing here checks a script's syntax: callers that take
 * scripts from users (ManageSieve's PUTSCRIPT, the shell) compile them first and refuse invalid ones.
 */
@ProviderType
public interface SieveScripts {

    /** The largest script accepted, in octets of UTF-8. */
    int MAX_SCRIPT_SIZE = 64 * 1024;

    /**
     * One script of an account.
     *
     * @param name   its name
     * @param active whether it is the account's active script
     * @param size   its size in octets of UTF-8
     */
    record ScriptInfo(String name, boolean active, int size) {
    }

    /**
     * The active script, with a version that changes whenever its text does (for caches of compiled scripts).
     *
     * @param name    its name
     * @param text    its text
     * @param version a value that differs for different texts of the same script, e.g. a content hash
     */
    record ActiveScript(String name, String text, String version) {
    }

    /**
     * @param account a principal name
     * @return the account's scripts, by name; empty when it has none
     */
    List<ScriptInfo> list(String account);

    /**
     * @param account a principal name
     * @param name    a script name
     * @return the script's text, or empty if there is no such script
     */
    Optional<String> get(String account, String name);

    /**
     * Stores a script, replacing one of the same name (keeping it active if it was).
     *
     * @param account a principal name
     * @param name    the script's name
     * @param text    the script's text
     * @throws IllegalArgumentException if the name or the size is not acceptable
     */
    void put(String account, String name, String text);

    /**
     * Makes a script the account's active one, or deactivates all.
     *
     * @param account a principal name
     * @param name    the script to activate, or {@code null} for none
     * @throws IllegalArgumentException if there is no script of that name
     */
    void activate(String account, String name);

    /**
     * Deletes a script; the active script cannot be deleted (RFC 5804 §2.10).
     *
     * @param account a principal name
     * @param name    the script's name
     * @return {@code true} if it existed and was deleted
     * @throws IllegalStateException if it is the active script
     */
    boolean delete(String account, String name);

    /**
     * Renames a script, keeping it active if it was.
     *
     * @param account a principal name
     * @param from    its name
     * @param to      the new name
     * @throws IllegalArgumentException if there is no script {@code from} or there is one named {@code to}
     */
    void rename(String account, String from, String to);

    /**
     * @param account a principal name
     * @return the account's active script, or empty
     */
    Optional<ActiveScript> active(String account);
}
