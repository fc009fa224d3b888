package dev.hermod.directory.sql.internal;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.Address;
import dev.hermod.api.migration.BackupParticipant;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the SQL {@link Directory} ({@code name=sql}, ranking 0). Without configuration it is the
 * embedded directory: an SQLite file {@code <karaf.data>/hermod/directory.sqlite} (mode 600), created on
 * first start with the sample schema and the example domain, and no account. With {@code url} set it reads SQLite,
 * PostgreSQL or MySQL/MariaDB through the configured queries. A configuration change reopens the pool.
 *
 * <p>When the database has the sample schema (and {@code admin.enabled}), it also registers a
 * {@link DirectoryAdmin} with the same {@code name}, which the shell's account commands use.
 */
@Component(service = Directory.class, configurationPid = SqlDirectoryComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"name=sql", "service.ranking:Integer=0"})
@Designate(ocd = SqlDirectoryComponent.Config.class)
public final class SqlDirectoryComponent implements Directory {

    static final String PID = "directory.sql";

    @ObjectClassDefinition(name = "Hermod directory: SQL",
            description = "Accounts, addresses, lists and domains from an SQL database through named queries.")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL: jdbc:sqlite:/path, jdbc:postgresql://host:5432/db,"
                + " jdbc:mariadb://host:3306/db or jdbc:mysql://... Empty: the embedded SQLite directory"
                + " <karaf.data>/hermod/directory.sqlite, created with the sample schema. No password in it.")
        String url() default "";

        @AttributeDefinition(description = "Database user.")
        String user() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Password (key .password, not published as a service property). Prefer password.file or password.env.")
        String _password() default "";

        @AttributeDefinition(description = "File holding the password on its first line; make it readable by Hermod's user only.")
        String password_file() default "";

        @AttributeDefinition(description = "Environment variable holding the password.")
        String password_env() default "";

        @AttributeDefinition(description = "Scheme of passwords set through the DirectoryAdmin (shell): ARGON2ID"
                + " (empty: the default), BCRYPT, SHA512-CRYPT, SSHA512, ... Logins accept every scheme"
                + " dev.hermod.password reads, whatever this is.")
        String password_scheme() default "";

        @AttributeDefinition(description = "Pooled connections.", min = "1")
        int pool_size() default 8;

        @AttributeDefinition(description = "Milliseconds a lookup waits for a connection before it fails temporarily"
                + " (logins fail with a temporary error, mail is deferred).", min = "250")
        int connection_timeout_ms() default 5000;

        @AttributeDefinition(description = "Milliseconds one query may run.", min = "1")
        int query_timeout_ms() default 5000;

        @AttributeDefinition(description = "Name -> one row with the columns column.* name (name, type, secret,"
                + " description, quota, active). Every ? is bound to the name.")
        String query_name() default Queries.NAME;

        @AttributeDefinition(description = "Name -> the groups and lists it belongs to (first column).")
        String query_members() default Queries.MEMBERS;

        @AttributeDefinition(description = "Address -> the names it delivers to (first column). Also asked for"
                + " user@domain without its +detail, and for @domain (catch-all).")
        String query_recipients() default Queries.RECIPIENTS;

        @AttributeDefinition(description = "Name -> its addresses, primary first (first column).")
        String query_emails() default Queries.EMAILS;

        @AttributeDefinition(description = "VRFY: text -> matching names (first column); ? gets the text with ! % _"
                + " escaped by ! for LIKE ... ESCAPE '!'. Empty: VRFY finds nothing.")
        String query_verify() default Queries.VERIFY;

        @AttributeDefinition(description = "EXPN and list delivery: a list's address or name -> its members'"
                + " addresses (first column). Empty: lists have no members.")
        String query_expand() default Queries.EXPAND;

        @AttributeDefinition(description = "Domain (lower case) -> any row if it is local.")
        String query_domains() default Queries.DOMAINS;

        @AttributeDefinition(description = "Column of query.name with the principal's name (required).")
        String column_name() default "name";

        @AttributeDefinition(description = "Column with individual, group or list; empty: all individual.")
        String column_type() default "type";

        @AttributeDefinition(description = "Column with the password hash ({SSHA512}..., {PLAIN}...); empty: nobody logs in.")
        String column_secret() default "secret";

        @AttributeDefinition(description = "Column with a human-readable name; empty: none.")
        String column_description() default "description";

        @AttributeDefinition(description = "Column with the quota in bytes (0 unlimited); empty: unlimited.")
        String column_quota() default "quota";

        @AttributeDefinition(description = "Column with the most messages (0 unlimited); empty: unlimited.")
        String column_quota_messages() default "";

        @AttributeDefinition(description = "Column with the active flag (1/0, true/false; NULL is inactive); empty: all active.")
        String column_active() default "active";

        @AttributeDefinition(description = "Milliseconds answers are kept. 0 (default): none, every change shows at"
                + " the next lookup. Above 0 a change (new alias, disabled account) takes up to this long to show;"
                + " logins always ask the database.", min = "0")
        long cache_ttl_ms() default 0;

        @AttributeDefinition(description = "Accept an address as login name: it resolves through query.recipients to"
                + " exactly one account.")
        boolean login_by_email() default true;

        @AttributeDefinition(description = "Sub-address separators: user+tag@domain falls back to user@domain when"
                + " it has no entry of its own. Each character is a separator; empty disables.")
        String subaddress_separator() default "+";

        @AttributeDefinition(description = "Create the sample schema's tables where missing in the database at url"
                + " (the embedded directory always does).")
        boolean schema_create() default false;

        @AttributeDefinition(description = "The example domain put into a newly created domains table; empty for none.")
        String sample_domain() default "example.org";

        @AttributeDefinition(description = "Register the DirectoryAdmin (shell account commands) when the database"
                + " has the sample schema.")
        boolean admin_enabled() default true;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SqlDirectoryComponent.class);

    private final Database db;
    private final SqlDirectory directory;
    private final AdminPublisher publisher;
    private final ServiceRegistration<BackupParticipant> backup;

    @Activate
    public SqlDirectoryComponent(Config config, BundleContext context, Map<String, Object> properties) {
        Path embedded = config.url().isBlank()
                ? embeddedFile(context.getProperty("karaf.data"), context.getDataFile("")) : null;
        SqlDirectoryOptions options = options(config, embedded, System::getenv);
        PasswordCodec passwords = LibraryPasswords.forScheme(config.password_scheme());
        Database database = new Database(options);
        try {
            if (embedded != null) {
                database.withConnection("sample schema creation", c -> SampleSchema.create(c, Dialect.SQLITE,
                        options.sampleDomain()));
            }
            this.directory = new SqlDirectory(database, options, passwords);
            SqlDirectoryAdmin admin = new SqlDirectoryAdmin(database, directory, passwords);
            this.publisher = new AdminPublisher(database, options.createSchema() && embedded == null,
                    options.sampleDomain(), options.adminEnabled(), admin, a -> register(context, properties, a));
            this.db = database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        publisher.start();
        this.backup = embedded == null ? null : context.registerService(BackupParticipant.class,
                new EmbeddedDirectoryBackup(database, embedded),
                new Hashtable<>(Map.of(BackupParticipant.NAME, EmbeddedDirectoryBackup.NAME)));
        LOG.info("directory.sql: {} ({})", options.where(), embedded != null ? "embedded" : options.dialect());
    }

    @Deactivate
    void deactivate() {
        if (backup != null) {
            try {
                backup.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        publisher.close();
        db.close();
    }

    /** Whether the DirectoryAdmin is registered, once the database has told (tests). */
    boolean adminPublished(long waitMillis) throws InterruptedException {
        publisher.awaitDecision(waitMillis);
        return publisher.published();
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        return directory.authenticate(credentials);
    }

    @Override
    public Optional<Principal> principal(String name) {
        return directory.principal(name);
    }

    @Override
    public Set<String> recipients(Address address) {
        return directory.recipients(address);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return directory.isLocalDomain(domain);
    }

    @Override
    public List<Address> expand(String list) {
        return directory.expand(list);
    }

    @Override
    public List<Principal> verify(String partial) {
        return directory.verify(partial);
    }

    @Override
    public Optional<String> cleartextSecret(String name) {
        return directory.cleartextSecret(name);
    }

    static SqlDirectoryOptions options(Config config, Path embedded, UnaryOperator<String> getenv) {
        String password = Secrets.password(config._password(), config.password_file(), config.password_env(), getenv);
        String url = embedded != null ? "jdbc:sqlite:" + embedded.toAbsolutePath() : config.url().strip();
        Queries queries = new Queries(config.query_name(), config.query_members(), config.query_recipients(),
                config.query_emails(), config.query_verify(), config.query_expand(), config.query_domains());
        Columns columns = new Columns(config.column_name(), config.column_type(), config.column_secret(),
                config.column_description(), config.column_quota(), config.column_quota_messages(),
                config.column_active());
        String sampleDomain = config.sample_domain().isBlank() ? "" : SqlDirectory.normalizeDomain(config.sample_domain().strip());
        if (sampleDomain == null) {
            throw new IllegalArgumentException("directory.sql sample.domain is not a domain: " + config.sample_domain());
        }
        return new SqlDirectoryOptions(url, config.user().strip(), password, config.pool_size(),
                Duration.ofMillis(config.connection_timeout_ms()), Duration.ofMillis(config.query_timeout_ms()),
                queries, columns, Duration.ofMillis(config.cache_ttl_ms()), config.login_by_email(),
                config.subaddress_separator().strip(), embedded != null || config.schema_create(), sampleDomain,
                config.admin_enabled());
    }

    /**
     * The embedded directory's file: under Karaf's data directory, else in the bundle's data area. Its
     * directory is created.
     */
    static Path embeddedFile(String karafData, File bundleData) {
        Path file;
        if (karafData != null && !karafData.isBlank()) {
            file = Path.of(karafData.strip()).resolve("hermod").resolve("directory.sqlite");
        } else if (bundleData != null) {
            file = bundleData.toPath().resolve("directory.sqlite");
        } else {
            throw new IllegalStateException("directory.sql: no url configured, no karaf.data property and no bundle"
                    + " data area for the embedded directory; set directory.sql url");
        }
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                // Password hashes are in it: readable by Hermod's user only (SQLite gives its -wal and -shm
                // files the same mode).
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("directory.sql: cannot create " + file + " for the embedded directory", e);
        }
        return file;
    }

    private static Runnable register(BundleContext context, Map<String, Object> properties, DirectoryAdmin admin) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Directory.NAME, String.valueOf(properties.getOrDefault(Directory.NAME, "sql")));
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        if (ranking instanceof Integer) {
            props.put(Constants.SERVICE_RANKING, ranking);
        }
        ServiceRegistration<DirectoryAdmin> registration = context.registerService(DirectoryAdmin.class, admin, props);
        LOG.info("directory.sql: DirectoryAdmin registered (name={})", props.get(Directory.NAME));
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
        };
    }
}
