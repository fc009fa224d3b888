/**
 * The LDAP {@link dev.hermod.api.directory.Directory} provider ({@code name=ldap}, ranking 10), configured by
 * PID {@code directory.ldap} ({@code etc/directory.ldap.cfg}); nothing is exported. Tested against OpenLDAP 2.5;
 * the defaults suit an OpenLDAP or 389-DS tree of {@code inetOrgPerson} and {@code groupOfNames} entries.
 *
 * <pre>
 * url = ldaps://ldap.example.org
 * base.dn = dc=example,dc=org
 * bind.dn = cn=hermod,ou=services,dc=example,dc=org
 * bind.password.file = /etc/hermod/ldap.password
 * </pre>
 *
 * <h2>Entries</h2>
 * <ul>
 *   <li><b>Type</b> from {@code attr.type} ({@code objectClass}): a value in {@code type.group}
 *       ({@code hermodSharedMailbox}) makes a {@code GROUP} (shared mailbox), else one in {@code type.list}
 *       ({@code groupOfNames}) a {@code LIST}, else one in {@code type.individual} ({@code inetOrgPerson}) an
 *       {@code INDIVIDUAL}. Other entries are ignored. Each key takes a comma-separated list.</li>
 *   <li><b>Name</b>: {@code attr.name} ({@code uid}) of individuals, {@code attr.group.name} ({@code cn}) of
 *       groups and lists; of several values the one in the RDN. {@link dev.hermod.api.directory.Directory#principal}
 *       tries {@code filter.name}, then {@code filter.group}; a name matching several entries is treated as
 *       unknown (and logged). Names with control characters are refused before any search: LDAP's string
 *       preparation (RFC 4518) would make {@code "jane\r\n"} match {@code jane}.</li>
 *   <li><b>Addresses</b>: {@code attr.mail} values first (the first is primary), then {@code attr.alias}
 *       ({@code mailAlias}); a value {@code @domain} in either marks a catch-all and is not an address.</li>
 *   <li><b>Quota</b>: {@code attr.quota} ({@code mailQuota}, bytes) and {@code attr.quota.messages}; absent is
 *       unlimited. <b>Description</b>: the first present of {@code attr.description}.</li>
 *   <li><b>Member of</b>: the DNs in {@code attr.memberof} ({@code memberOf}: OpenLDAP's memberof or dynlist
 *       overlay, 389-DS, AD), or, when {@code filter.groups} is set (e.g.
 *       {@code (&(objectClass=groupOfNames)(member=?))}, {@code ?} being the entry's DN), the entries it finds.
 *       A group DN whose RDN is {@code cn} (or {@code attr.name}) gives its name directly; others are read.</li>
 *   <li><b>Active</b>: {@code filter.active}, evaluated by Hermod on the entry it read (no extra request, no
 *       dependence on the server's schema): {@code &}, {@code |}, {@code !}, {@code (a=*)}, {@code (a=v)}
 *       (case-insensitive). The default {@code (!(pwdAccountLockedTime=*))} disables accounts locked by the
 *       ppolicy overlay or by an administrator (any value, also {@code 000001010000Z}); add your own switch, e.g.
 *       {@code (&(!(pwdAccountLockedTime=*))(!(mailEnabled=FALSE)))}. Inactive principals resolve as recipients
 *       (the core refuses mail to them) but never authenticate.</li>
 * </ul>
 *
 * <h2>Lookups</h2>
 * Every filter is a template whose {@code ?} is replaced by the value looked up, escaped as an RFC 4515 assertion
 * value ({@code *()\}, NUL, controls and each UTF-8 byte of non-ASCII as {@code \xx}): no input changes a
 * filter's structure. A literal {@code ?} is written {@code \3f}. Searches cover the subtree of {@code base.dn},
 * never dereference aliases, and are bounded in size and time.
 * <ul>
 *   <li><b>recipients</b>: {@code filter.email} with the address; a list gives its members' names, nested lists
 *       expanded once each (cycles broken, at most 10,000 members read); then, if nothing matched, the address
 *       without its {@code subaddress.separator} detail; then {@code @domain} (catch-all).</li>
 *   <li><b>isLocalDomain</b>: {@code filter.domains} finds at least one entry. The default,
 *       {@code (&(objectClass=domainRelatedObject)(associatedDomain=?))}, lists the domains as
 *       {@code associatedDomain} values (cosine schema) of any entry, typically the base entry; with one
 *       {@code dNSDomain} entry per domain named {@code dc=example.org}, use
 *       {@code (&(objectClass=dNSDomain)(dc=?))}; without domain entries, {@code (|(mail=*@?)(mailAlias=*@?))}.</li>
 *   <li><b>expand</b> (EXPN): {@code filter.expand} finds a list by address or name; its members' primary
 *       addresses, nested lists flattened. <b>verify</b> (VRFY): at most 10 entries of {@code filter.verify};
 *       {@code @domain} is not looked up.</li>
 * </ul>
 *
 * <h2>Authentication</h2>
 * Plain credentials only (token mechanisms are not offered). The login name is looked up with
 * {@code filter.name}, then, when {@code login.by.email} and it holds an {@code @}, with {@code filter.email};
 * exactly one active individual must match. An empty password is refused before anything is sent: a simple bind
 * with a DN and no password is an "unauthenticated bind" (RFC 4513 §5.1.2) that some servers answer with
 * success. {@code auth.mode = bind} (default) binds as the entry's DN on a separate pool of connections, so
 * that the search connections keep their identity and the server applies its password policy;
 * {@code auth.mode = hash} reads {@code attr.secret} as {@code bind.dn} and checks it with
 * {@link dev.hermod.password.Passwords#verify} ({SSHA}, {SHA}, {SSHA512}, {CRYPT}, bcrypt, Argon2, PBKDF2, ...).
 * Authentication is never cached.
 *
 * <h2>Connections and failures</h2>
 * {@code ldap://} (optionally upgraded with {@code starttls}) or {@code ldaps://}. Certificates are checked
 * against {@code truststore.path} (PEM or a key store) or the JDK's CAs, and the host of {@code url} must be
 * named by the certificate ({@link dev.hermod.directory.ldap.internal.TlsTrust}); {@code trust.all} is for tests.
 * Two pools of {@code pool.size} connections (Apache Directory LDAP API {@code LdapConnectionPool}): searches
 * bound as {@code bind.dn} (a {@code ValidatingPoolableLdapConnectionFactory}), and user binds. Connecting takes
 * at most {@code connect.timeout.ms}; an operation, or a wait for a free connection, at most {@code timeout.ms}.
 * A server that is down, silent, refuses the service bind, lacks {@code base.dn} or answers with an error gives
 * {@link dev.hermod.api.mail.TemporaryFailureException} with what happened; a broken pooled connection (a
 * restart) is replaced and the operation run once more. {@code cache.ttl.ms} (default 0: none) keeps answers of
 * principal, recipients and isLocalDomain that long.
 *
 * <h2>Schema</h2>
 * {@code mailAlias}, {@code mailQuota} and {@code hermodSharedMailbox} are not standard: use the attributes your
 * directory has ({@code attr.*}), or a schema like the test one in {@code dev.hermod.testing.SlapdServer#SCHEMA}
 * (its OIDs are under OpenLDAP's experimental arc: allocate your own for production).
 *
 * <h2>Embedding</h2>
 * The Apache Directory LDAP API ({@code api-all}) is not an OSGi bundle: it is embedded with MINA,
 * commons-pool2, commons-lang3, commons-collections4 and Caffeine on the Bundle-ClassPath. Mandatory imports are
 * the Hermod API and password packages, slf4j, and the JDK's {@code javax.net.ssl} and {@code javax.naming}
 * ({@code .ldap}); the rest is optional (DSML, SASL/GSSAPI, the API's own OSGi activators).
 */
package dev.hermod.directory.ldap.internal;
