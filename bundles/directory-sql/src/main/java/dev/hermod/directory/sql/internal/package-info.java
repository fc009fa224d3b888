/**
 * The SQL {@link dev.hermod.api.directory.Directory} provider ({@code name=sql}); nothing is exported.
 *
 * <h2>Databases</h2>
 * SQLite, PostgreSQL and MySQL/MariaDB through a HikariCP pool of the drivers' own data sources
 * ({@code SQLiteDataSource}, {@code PGSimpleDataSource}, {@code MariaDbDataSource}), chosen by the URL's
 * scheme; {@code DriverManager} is never used. Without {@code url}, the embedded SQLite file
 * {@code <karaf.data>/hermod/directory.sqlite} is created at first start with the sample schema (see
 * {@code SampleSchema}) and one example domain ({@code sample.domain}), and no account, so there is no
 * default password. {@code schema.create=true} creates the same tables in a PostgreSQL or MariaDB database.
 *
 * <h2>Queries</h2>
 * Seven named queries ({@code Queries}), each bound with the looked-up value in every {@code ?}; input is
 * never concatenated. Single-column queries read their first column; {@code query.name}'s columns are
 * named by {@code column.*}. The defaults compare with {@code lower()} on both sides: local parts, names and
 * domains match whatever their ASCII case, which is what admins expect; non-ASCII case folding is the
 * database's. Addresses are stored and looked up as {@code decoded-local-part@domain}.
 *
 * <h2>Resolution</h2>
 * <ul>
 *   <li>{@code authenticate}: {@code query.name} on the login; if nothing and {@code login.by.email}, the
 *       login as an address through {@code query.recipients} when it names exactly one principal (no
 *       sub-addressing, no catch-all). Inactive principals, lists and principals without a secret never
 *       log in; unknown names cost a password check against a dummy hash, so timing does not tell which
 *       names exist. Logins never use the cache.</li>
 *   <li>{@code recipients}: the address; else without its sub-address detail (any character of
 *       {@code subaddress.separator}, not in first position); else {@code @domain}. A name that is a list
 *       is replaced by its members ({@code query.expand} with the list's name), each resolved the same
 *       way if its domain is local, recursively up to 8 lists deep, each list and address once; inactive
 *       members of a list and inactive lists are skipped, an inactive addressee is returned for the core
 *       to reject.</li>
 *   <li>{@code isLocalDomain}: {@code query.domains}; the default is true for a domain in the
 *       {@code domains} table or in any address, so a new domain needs nothing but its addresses.</li>
 *   <li>{@code verify}: {@code query.verify} with {@code %}, {@code _} and {@code !} escaped by {@code !};
 *       at most 10 principals. {@code expand}: {@code query.expand} with the address (decoded) or name.</li>
 * </ul>
 * Names, addresses and arguments longer than 1024 characters, or holding NUL or unpaired surrogates, are
 * not looked up: no principal has one, so "not found" is true (and PostgreSQL refuses NUL in text).
 *
 * <h2>Errors and cache</h2>
 * Any {@link java.sql.SQLException} is a {@link dev.hermod.api.mail.TemporaryFailureException}: "directory
 * database at URL unavailable: ..." for connection failures and pool timeouts
 * ({@code connection.timeout.ms}), "directory query.X failed on URL: ..." for others (a wrong query, a
 * missing column). {@code cache.ttl.ms} is 0 by default: every lookup asks the database, so a change shows
 * at once; above 0, answers other than logins are kept that long, and changes made outside the
 * {@code DirectoryAdmin} take up to that long to show.
 *
 * <h2>DirectoryAdmin</h2>
 * Registered by the component, as a second service with the same {@code name}, once the database answers
 * and has the sample schema's four tables and columns (checked on a background thread, retried while the
 * database is down), unless {@code admin.enabled=false}. It writes the sample tables with fixed SQL, whatever
 * the configured queries are; a custom schema gets no DirectoryAdmin and is managed with the admin's tools.
 * Passwords it sets are hashed with {@code password.scheme} (Argon2id by default) through
 * {@code dev.hermod.password}, which also verifies every stored scheme at login.
 */
package dev.hermod.directory.sql.internal;
