package dev.hermod.api.directory;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The source of truth for principals (users, groups, lists), their addresses and their credentials.
 *
 * <p>The core calls it at every authentication and for every recipient; see the package documentation for
 * caching rules.
 *
 * <h2>Errors</h2>
 * An answer of "no" or "not found" must be true. When the backend cannot be asked (LDAP server down, SQL
 * pool exhausted, timeout), every method throws {@link TemporaryFailureException} so that logins fail with
 * a temporary error and mail is deferred rather than bounced.
 *
 * <h2>Names and addresses</h2>
 * A principal's {@link Principal#name() name} is its key: {@link #principal(String)} and
 * {@link #recipients(Address)} return names that {@code principal} resolves. Names are matched as the
 * backend does (LDAP and most SQL collations ignore case); the name in a returned {@link Principal} is the
 * canonical one. Addresses passed in have a lower-case domain; the provider decides whether local parts
 * are matched case-insensitively (the usual choice).
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #NAME} (String, required) — the provider instance's name, e.g. {@code corp-ldap}; the admin
 *       picks one with a target filter such as {@code directory.target = (name=corp-ldap)};</li>
 *   <li>{@code service.ranking} — which directory the core binds when no target is set.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Implementations are thread safe and are called concurrently. Methods may block on the backend; the core
 * never calls them on a network event loop. They should answer within a few seconds (a configured timeout)
 * and throw {@link TemporaryFailureException} rather than hang.
 */
@ConsumerType
public interface Directory {

    /** Service property naming this directory, for target filters such as {@code (name=corp-ldap)}. */
    String NAME = "name";

    /**
     * Checks credentials.
     *
     * <p>Returns empty for an unknown user, a wrong secret, an inactive principal, an expired or invalid
     * token, and credentials of a kind this directory does not handle — the core answers all of them the
     * same way, so as not to reveal which. The provider compares secrets in constant time and never logs
     * them.
     *
     * @param credentials what the client presented, not {@code null}
     * @return the authenticated, {@linkplain Principal#active() active} principal, or empty if the
     *         credentials are not valid
     * @throws TemporaryFailureException if the backend cannot be asked; the client is told to try later
     */
    Optional<Principal> authenticate(Credentials credentials);

    /**
     * The SASL mechanisms of {@link TokenCredentials} this directory verifies, e.g. {@code OAUTHBEARER} and
     * {@code XOAUTH2}, so that the protocols advertise only those. {@link PlainCredentials} are always
     * supported.
     *
     * @return mechanism names in upper case, never {@code null}; empty by default
     */
    default Set<String> tokenMechanisms() {
        return Set.of();
    }

    /**
     * Looks up a principal by name, whether active or not.
     *
     * @param name the principal's name, not {@code null}
     * @return the principal, or empty if there is none of that name
     * @throws TemporaryFailureException if the backend cannot be asked
     */
    Optional<Principal> principal(String name);

    /**
     * The principals an address delivers to, as the directory resolves it:
     * <ul>
     *   <li>the address, or an alias, of an individual or group;</li>
     *   <li>a list's address: the names of its members, expanded recursively (cycles broken), excluding
     *       members outside the local domains, which {@link #expand(String)} lists;</li>
     *   <li>sub-addressing: if {@code user+tag@domain} (with the separator the provider is configured with)
     *       is not itself known, the principals of {@code user@domain}; the core keeps the detail for
     *       filing (Sieve {@code :detail});</li>
     *   <li>a catch-all {@code @domain} entry, when nothing above matched.</li>
     * </ul>
     * Only principals of type {@link PrincipalType#INDIVIDUAL} or {@link PrincipalType#GROUP} are returned,
     * including inactive ones (the core rejects mail to those with a clear reply).
     *
     * @param address a recipient address, not {@code null}
     * @return the principals' names, never {@code null}; empty if the address is unknown (SMTP
     *         {@code 550 5.1.1})
     * @throws TemporaryFailureException if the backend cannot be asked; the recipient is deferred
     *                                   ({@code 451 4.4.3})
     */
    Set<String> recipients(Address address);

    /**
     * Whether the server receives mail for a domain (the domain is "local"): mail to other domains is
     * relayed only for authenticated clients.
     *
     * @param domain a domain as in {@link Address#domain()}: lower case, not {@code null}
     * @return {@code true} if addresses in the domain are this server's to deliver
     * @throws TemporaryFailureException if the backend cannot be asked
     */
    boolean isLocalDomain(String domain);

    /**
     * The members of a mailing list, for SMTP {@code EXPN} (RFC 5321 §3.5). The core answers {@code EXPN}
     * only if configured to.
     *
     * @param list the list's address or name as given in {@code EXPN}, not {@code null}
     * @return the members' addresses, local or not; empty if {@code list} is not a list, or the directory
     *         will not disclose its members
     * @throws TemporaryFailureException if the backend cannot be asked
     */
    List<Address> expand(String list);

    /**
     * The principals matching a user name or address, for SMTP {@code VRFY} (RFC 5321 §3.5). The core
     * answers {@code VRFY} only if configured to.
     *
     * @param partial a name, an address, or part of one, as given in {@code VRFY}; not {@code null}
     * @return the matching principals, at most a few; empty if none matches or the directory will not say;
     *         several for an ambiguous request
     * @throws TemporaryFailureException if the backend cannot be asked
     */
    List<Principal> verify(String partial);

    /**
     * The secret of an account in the clear, for challenge-response mechanisms such as CRAM-MD5 (RFC
     * 2195) that need it. Directories that store only hashes return empty, and those mechanisms are then
     * not offered.
     *
     * @param name the account's name
     * @return the clear-text secret of an active individual principal, or empty
     * @throws TemporaryFailureException if the backend cannot be asked
     */
    default Optional<String> cleartextSecret(String name) {
        return Optional.empty();
    }
}
