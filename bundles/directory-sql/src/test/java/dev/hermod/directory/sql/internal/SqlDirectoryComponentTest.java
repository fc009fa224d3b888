package dev.hermod.directory.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.Address;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.testing.Components;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.sqlite.SQLiteDataSource;

/** The DS component: the embedded directory, configuration, custom schemas, DirectoryAdmin registration. */
class SqlDirectoryComponentTest {

    private static final Map<String, Object> COMPONENT_PROPERTIES = Map.of("name", "sql", "service.ranking", 0);

    @TempDir
    Path dir;

    /** Services the component registered through the context, with their properties. */
    private final List<Object[]> registered = new ArrayList<>();
    /** Backup participants the component registered. */
    private final List<BackupParticipant> participants = new ArrayList<>();

    @Test
    void withoutConfigurationItCreatesTheEmbeddedDirectoryWithOneDomainAndNoAccount() throws Exception {
        SqlDirectoryComponent component = component(Map.of());
        try {
            assertTrue(Files.isRegularFile(dir.resolve("hermod/directory.sqlite")));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("hermod/directory.sqlite"))), "hashes are readable by Hermod only");
            assertTrue(component.isLocalDomain("example.org"));
            assertFalse(component.isLocalDomain("example.com"));
            assertTrue(component.adminPublished(5_000));
            DirectoryAdmin admin = admin();
            assertEquals("sql", properties().get("name"));
            assertEquals(List.of(), admin.listAccounts(), "no sample account, so no default password");
            assertEquals(List.of("example.org"), admin.listDomains());
            admin.addAccount("jane", "pw", null, 0, List.of(Address.parse("jane@example.org")));
            assertEquals("jane", component.authenticate(new PlainCredentials("jane@example.org", "pw")).orElseThrow().name());
            assertTrue(secret(dir.resolve("hermod/directory.sqlite"), "jane").startsWith("{ARGON2ID}$argon2id$"),
                    "hashed with the default scheme");
        } finally {
            component.deactivate();
        }
        assertTrue(registered.isEmpty(), "DirectoryAdmin unregistered on deactivation");
        SqlDirectoryComponent again = component(Map.of("sample.domain", "corp.test"));
        try {
            assertTrue(again.adminPublished(5_000));
            assertEquals("jane", again.principal("jane").map(Principal::name).orElseThrow(), "the file is kept");
            assertEquals(List.of("example.org"), admin().listDomains(), "the sample domain is added only to a new table");
        } finally {
            again.deactivate();
        }
    }

    @Test
    void theSampleDomainIsConfigurable() throws Exception {
        SqlDirectoryComponent component = component(Map.of("sample.domain", "Corp.Test"));
        try {
            assertTrue(component.adminPublished(5_000));
            assertEquals(List.of("corp.test"), admin().listDomains());
            assertTrue(component.isLocalDomain("corp.test"));
        } finally {
            component.deactivate();
        }
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("sample.domain", "not a domain")));
    }

    @Test
    void aCustomSchemaIsReadThroughConfiguredQueriesAndColumnsWithoutAdmin() throws Exception {
        Path file = dir.resolve("custom.sqlite");
        sql(file, "CREATE TABLE users (login TEXT PRIMARY KEY, pw TEXT, fullname TEXT, enabled TEXT, mb INTEGER)",
                "CREATE TABLE aliases (addr TEXT PRIMARY KEY, login TEXT)",
                "CREATE TABLE maildomains (d TEXT PRIMARY KEY)",
                "INSERT INTO users VALUES ('ann', '{PLAIN}ann-pw', 'Ann', 'yes', 2), ('bo', '{PLAIN}bo-pw', 'Bo', 'no', 0)",
                "INSERT INTO aliases VALUES ('ann@corp.test', 'ann'), ('info@corp.test', 'ann'), ('bo@corp.test', 'bo')",
                "INSERT INTO maildomains VALUES ('corp.test')");
        Map<String, Object> config = new HashMap<>();
        config.put("url", "jdbc:sqlite:" + file);
        config.put("query.name", "SELECT login, pw, fullname, enabled, mb * 1048576 AS bytes FROM users WHERE login = ?");
        config.put("query.members", "SELECT login FROM users WHERE 1 = 0 AND login = ?");
        config.put("query.recipients", "SELECT login FROM aliases WHERE addr = ?");
        config.put("query.emails", "SELECT addr FROM aliases WHERE login = ? ORDER BY addr <> login || '@corp.test', addr");
        config.put("query.verify", "");
        config.put("query.expand", "");
        config.put("query.domains", "SELECT d FROM maildomains WHERE d = ?");
        config.put("column.name", "LOGIN");
        config.put("column.type", "");
        config.put("column.secret", "pw");
        config.put("column.description", "fullname");
        config.put("column.quota", "bytes");
        config.put("column.active", "enabled");
        SqlDirectoryComponent component = component(config);
        try {
            Principal ann = component.authenticate(new PlainCredentials("info@corp.test", "ann-pw")).orElseThrow();
            assertEquals("ann", ann.name());
            assertEquals(2L * 1024 * 1024, ann.quota());
            assertEquals("Ann", ann.description());
            assertEquals(List.of(Address.parse("ann@corp.test"), Address.parse("info@corp.test")), ann.emails());
            assertTrue(component.authenticate(new PlainCredentials("bo", "bo-pw")).isEmpty(), "enabled = 'no'");
            assertEquals(java.util.Set.of("ann"), component.recipients(Address.parse("info+x@corp.test")));
            assertTrue(component.isLocalDomain("corp.test"));
            assertEquals(List.of(), component.verify("ann"), "VRFY disabled by an empty query");
            assertEquals(List.of(), component.expand("ann@corp.test"));
            assertFalse(component.adminPublished(5_000), "not the sample schema: no DirectoryAdmin");
            assertTrue(registered.isEmpty());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void aMissingColumnFailsTemporarilyAndSaysWhich() throws Exception {
        SqlDirectoryComponent component = component(Map.of("column.secret", "password"));
        try {
            component.adminPublished(5_000);
            sql(dir.resolve("hermod/directory.sqlite"), "INSERT INTO accounts (name, secret) VALUES ('jane', '{PLAIN}pw')");
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> component.authenticate(new PlainCredentials("jane", "pw")));
            assertTrue(e.getMessage().contains("'password' (column.secret)"), e.getMessage());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void badConfigurationIsRefusedClearly() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("url", "jdbc:oracle:thin:@//db:1521/x?password=secret")));
        assertTrue(scheme.getMessage().contains("jdbc:sqlite:, jdbc:postgresql:"), scheme.getMessage());
        assertFalse(scheme.getMessage().contains("secret"), "URL parameters are not shown");
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("query.recipients", " ")));
        assertTrue(query.getMessage().contains("query.recipients"), query.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("column.name", "")));
        assertTrue(column.getMessage().contains("column.name"), column.getMessage());
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("pool.size", 0)));
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("cache.ttl.ms", -1)));
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("password.scheme", "rot13")));
    }

    @Test
    void thePasswordComesFromOneOfThreePlaces() throws Exception {
        Path file = dir.resolve("db.password");
        Files.writeString(file, "from-file\nignored\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertEquals("from-file", options(Map.of("password.file", file.toString())).password());
        assertEquals("from-env", options(Map.of("password.env", "DIRECTORY_PW")).password());
        SqlDirectoryOptions inline = options(Map.of(".password", "inline"));
        assertEquals("inline", inline.password());
        assertFalse(inline.toString().contains("inline"));
        assertThrows(IllegalArgumentException.class, () -> options(Map.of(".password", "a", "password.env", "DIRECTORY_PW")));
        assertThrows(IllegalArgumentException.class, () -> options(Map.of("password.env", "UNSET_VARIABLE")));
    }

    @Test
    void defaultsMatchTheSampleSchema() {
        SqlDirectoryOptions o = options(Map.of());
        assertEquals(Queries.SAMPLE, o.queries());
        assertEquals(Columns.SAMPLE, o.columns());
        assertEquals(java.time.Duration.ZERO, o.cacheTtl());
        assertTrue(o.loginByEmail());
        assertEquals("+", o.subaddressSeparators());
        assertEquals("example.org", o.sampleDomain());
        assertEquals(8, o.poolSize());
        assertTrue(o.url().startsWith("jdbc:sqlite:"));
        assertTrue(o.createSchema());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private SqlDirectoryOptions options(Map<String, Object> values) {
        return SqlDirectoryComponent.options(Components.config(SqlDirectoryComponent.Config.class, values),
                values.containsKey("url") ? null : dir.resolve("x.sqlite"), name -> "DIRECTORY_PW".equals(name) ? "from-env" : null);
    }

    @Test
    void theEmbeddedDirectoryIsInServerBackupsAndRestoredWhole() throws Exception {
        Path first = dir;
        SqlDirectoryComponent component = component(Map.of());
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try {
            assertTrue(component.adminPublished(5_000));
            admin().addAccount("jane", "pw", "Jane", 0, List.of(Address.parse("jane@example.org")));
            admin().addAlias(Address.parse("info@example.org"), "jane");
            assertEquals(1, participants.size(), "the embedded directory takes part in backups");
            participants.get(0).backup((path, content) -> files.put(path, content.readAllBytes()));
        } finally {
            component.deactivate();
        }
        assertTrue(participants.isEmpty(), "unregistered on deactivation");
        assertEquals(List.of("directory.sqlite"), List.copyOf(files.keySet()));

        // A fresh install elsewhere: its new embedded directory takes the archive's content.
        dir = first.resolve("fresh");
        SqlDirectoryComponent fresh = component(Map.of());
        try {
            assertTrue(fresh.principal("jane").isEmpty());
            participants.get(0).restore("directory.sqlite", new java.io.ByteArrayInputStream(files.get("directory.sqlite")));
            assertEquals("jane", fresh.authenticate(new PlainCredentials("jane@example.org", "pw")).orElseThrow().name());
            assertEquals(Set.of("jane"), fresh.recipients(Address.parse("info@example.org")));
        } finally {
            fresh.deactivate();
            dir = first;
        }
        SqlDirectoryComponent withUrl = component(Map.of("url", "jdbc:sqlite:" + first.resolve("configured.sqlite"),
                "schema.create", true));
        try {
            assertTrue(participants.isEmpty(), "a configured database is backed up by its own tools, not in the archive");
        } finally {
            withUrl.deactivate();
        }
    }

    private SqlDirectoryComponent component(Map<String, Object> config) {
        return new SqlDirectoryComponent(Components.config(SqlDirectoryComponent.Config.class, config), context(),
                COMPONENT_PROPERTIES);
    }

    private DirectoryAdmin admin() {
        assertEquals(1, registered.size(), "one DirectoryAdmin registered");
        return (DirectoryAdmin) registered.get(0)[0];
    }

    @SuppressWarnings("unchecked")
    private Dictionary<String, Object> properties() {
        return (Dictionary<String, Object>) registered.get(0)[1];
    }

    /** A bundle context with karaf.data and registerService. */
    private BundleContext context() {
        BundleContext base = Components.bundleContext(Map.of("karaf.data", dir.toString()), dir.resolve("bundle-data"));
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (self, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] == BackupParticipant.class) {
                        BackupParticipant p = (BackupParticipant) args[1];
                        assertEquals("directory", ((Dictionary<?, ?>) args[2]).get(BackupParticipant.NAME));
                        synchronized (participants) {
                            participants.add(p);
                        }
                        return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (r, m, a) -> {
                                    if (m.getName().equals("unregister")) {
                                        synchronized (participants) {
                                            participants.remove(p);
                                        }
                                    }
                                    return null;
                                });
                    }
                    if (method.getName().equals("registerService") && args[0] == DirectoryAdmin.class) {
                        Object[] entry = {args[1], args[2]};
                        synchronized (registered) {
                            registered.add(entry);
                        }
                        return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (r, m, a) -> {
                                    if (m.getName().equals("unregister")) {
                                        synchronized (registered) {
                                            registered.remove(entry);
                                        }
                                    }
                                    return null;
                                });
                    }
                    return method.invoke(base, args);
                });
    }

    private static String secret(Path file, String name) throws SQLException {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT secret FROM accounts WHERE name = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static void sql(Path file, String... statements) throws SQLException {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
