package dev.hermod.api.directory;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes a writable {@link Directory}: accounts, passwords, aliases, domains, mailing lists and catch-all
 * addresses. One implementation serves the shell ({@code hermod:account-add}, ...), the command line and
 * the web admin.
 *
 * <p>A directory provider registers this service beside its {@link Directory} only when it can write what
 * the directory reads (Hermod's SQL provider: when the database has its sample schema). A directory that
 * an organisation manages with its own tools (LDAP, a custom SQL schema) registers none. Changes show at
 * the next lookup of the {@code Directory}, within its cache time if it has one.
 *
 * <h2>Names, addresses and passwords</h2>
 * Names are matched as the {@code Directory} matches them (case-insensitively for ASCII in Hermod's SQL
 * provider). An address is stored as its decoded local part, {@code @} and its domain (lower case). A
 * password given here is stored hashed, never in the clear, and never logged.
 *
 * <h2>Errors</h2>
 * Every method throws {@link IllegalArgumentException} with a message an admin can act on when the input
 * is malformed (a blank name, control characters), names something that does not exist, or would take
 * something already taken (an account name, an address); nothing is changed then. It throws
 * {@link TemporaryFailureException} when the backend cannot be reached; whether the change was made is
 * then unknown, and repeating it is safe or fails with "already exists".
 *
 * <h2>Service properties</h2>
 * {@value Directory#NAME} — the same name as the {@code Directory} it changes, e.g. {@code sql}.
 *
 * <p>Thread safe; every method blocks on the backend for at most a few seconds.
 */
@ProviderType
public interface DirectoryAdmin {

    /**
     * Adds an individual account.
     *
     * @param name the account's name (its login name), not {@code null} or blank
     * @param password its password, stored hashed; {@code null} for an account that cannot log in until
     *                 {@link #setPassword(String, String)} gives it one
     * @param description a human-readable name such as {@code Jane Doe}, or {@code null}
     * @param quota the most bytes its messages may take, {@code 0} for unlimited
     * @param emails its addresses, the first the primary one and the others aliases; may be empty
     * @return the account as the directory now describes it
     * @throws IllegalArgumentException if the name or an address is taken, or an argument is malformed
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    Principal addAccount(String name, String password, String description, long quota, List<Address> emails);

    /**
     * Removes an account, group or list with its addresses (primary, aliases, catch-all entries) and its
     * memberships, both those it has in groups and lists and, for a group or list, its members'. The
     * account's mail is not deleted here.
     *
     * @param name the principal's name
     * @throws IllegalArgumentException if there is no principal of that name
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void removeAccount(String name);

    /**
     * Sets an account's password (stored hashed).
     *
     * @param name the account's name
     * @param password the new password, not {@code null} or empty
     * @throws IllegalArgumentException if there is no such account, it is a list, or the password is empty
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void setPassword(String name, String password);

    /**
     * Enables or disables a principal. A disabled one cannot log in and gets no mail.
     *
     * @param name the principal's name
     * @param active {@code true} to enable it
     * @throws IllegalArgumentException if there is no principal of that name
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void setActive(String name, boolean active);

    /**
     * Every account, group and list, by name.
     *
     * @return the principals, sorted by name; never {@code null}
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    List<Principal> listAccounts();

    /**
     * Adds an address that delivers to an existing account, group or list.
     *
     * @param address the new address, not taken by anyone
     * @param name the principal it delivers to
     * @throws IllegalArgumentException if the address is taken or the principal does not exist
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void addAlias(Address address, String name);

    /**
     * Removes an alias. A primary address is removed only with its account, and a list's address with its
     * list.
     *
     * @param address the alias
     * @throws IllegalArgumentException if the address is not an alias
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void removeAlias(Address address);

    /**
     * Makes a domain local, so that the server receives mail for it, before any address in it exists. A
     * domain in which an address exists is local anyway.
     *
     * @param domain the domain, e.g. {@code example.org}; normalized to lower case
     * @throws IllegalArgumentException if it is not a domain or is already listed
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void addDomain(String domain);

    /**
     * Removes a domain from the list of local domains.
     *
     * @param domain the domain
     * @throws IllegalArgumentException if it is not listed, or addresses in it still exist (they would
     *                                  keep it local); the message names some of them
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void removeDomain(String domain);

    /**
     * The local domains: those added with {@link #addDomain(String)} and those of every address.
     *
     * @return the domains in lower case, sorted; never {@code null}
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    List<String> listDomains();

    /**
     * Adds a mailing list: a principal of type {@link PrincipalType#LIST} with one address.
     *
     * @param name the list's name, e.g. {@code team}
     * @param address its address, e.g. {@code team@example.org}
     * @param description what the list is for, or {@code null}
     * @return the list as the directory now describes it
     * @throws IllegalArgumentException if the name or address is taken, or an argument is malformed
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    Principal addList(String name, Address address, String description);

    /**
     * Adds a member to a list or group.
     *
     * @param list the list's or group's name
     * @param member an account's, group's or list's name, or an address (local or not)
     * @throws IllegalArgumentException if the list does not exist, the member is neither an existing
     *                                  principal nor an address, or it is a member already
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void addMember(String list, String member);

    /**
     * Removes a member from a list or group.
     *
     * @param list the list's or group's name
     * @param member the member as it was added
     * @throws IllegalArgumentException if it is not a member
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void removeMember(String list, String member);

    /**
     * Sends mail to any unknown address of a domain to an account, group or list (a catch-all
     * {@code @domain} entry). Known addresses, and {@code user+tag@} forms of them, still go to their own
     * principals.
     *
     * @param domain the domain
     * @param name the principal that receives the mail
     * @throws IllegalArgumentException if the domain has a catch-all already, or the principal does not exist
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void addCatchAll(String domain, String name);

    /**
     * Removes a domain's catch-all entry: mail to unknown addresses is refused again.
     *
     * @param domain the domain
     * @throws IllegalArgumentException if the domain has no catch-all
     * @throws TemporaryFailureException if the backend cannot be reached
     */
    void removeCatchAll(String domain);
}
