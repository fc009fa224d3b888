package dev.hermod.migration.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.blob.s3.internal.S3BlobStore;
import dev.hermod.core.internal.MigrationRegistries;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.store.postgresql.internal.PostgresqlStoreComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.PostgresServer;
import dev.hermod.testing.S3Server;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hermod core outside a framework over real providers: SQLite or PostgreSQL metadata, file-system blobs,
 * and a directory of the users alice, bob and carol (password "secret").
 */
final class TestServer implements AutoCloseable {

    static final Set<String> USERS = Set.of("alice", "bob", "carol");

    final Path dir;
    final KeyValueStore kv;
    final String kvName;
    final BlobStore blobs;
    final ProviderRegistry registry;
    final MailStoreComponent store;
    final DirectoryAuthenticator auth;

    private TestServer(Path dir, String kvName, KeyValueStore kv) {
        this(dir, kvName, kv, false);
    }

    private TestServer(Path dir, String kvName, KeyValueStore kv, boolean fsync) {
        this(dir, kvName, kv, "fs", new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", fsync)), Components.bundleContext(Map.of(), dir)));
    }

    private TestServer(Path dir, String kvName, KeyValueStore kv, String blobName, BlobStore blobs) {
        this.dir = dir;
        this.kvName = kvName;
        this.kv = kv;
        this.blobs = blobs;
        this.registry = MigrationRegistries.create(kvName, kv, blobName, blobs, new Users());
        this.store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        this.auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class,
                Map.of("plaintext.without.tls", true)));
    }

    static TestServer sqlite(Path dir) {
        return sqlite(dir, false);
    }

    /** With {@code fsync} as the defaults run (blobs synced to disk), for figures. */
    static TestServer sqlite(Path dir, boolean fsync) {
        return new TestServer(dir, "sqlite", new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir)), fsync);
    }

    /** On SQLite with blobs on the shared S3 server (s3proxy), under a prefix of their own. */
    static TestServer sqliteS3(Path dir, String prefix) {
        S3Server s3 = S3Server.shared();
        S3BlobStore blobs = new S3BlobStore(Components.config(S3BlobStore.Config.class, Map.of("endpoint", s3.endpoint().toString(),
                "region", s3.region(), "bucket", "hermod-migration", "prefix", prefix + "/", "pathStyle", true,
                "createBucket", true, "accessKey", s3.accessKey(), ".secretKey", s3.secretKey())));
        return new TestServer(dir, "sqlite", new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir)), "s3", blobs);
    }

    /** On the shared PostgreSQL server, in a table of its own that starts empty. */
    static TestServer postgresql(Path dir, String table) {
        PostgresServer server = PostgresServer.shared();
        PostgresqlStoreComponent kv = new PostgresqlStoreComponent(Components.config(PostgresqlStoreComponent.Config.class,
                Map.of("host", server.host(), "port", server.port(), "database", server.database(), "user", server.user(),
                        ".password", server.password(), "table", table, "pool.size", 8)));
        kv.write(txn -> {
            txn.clearRange(new byte[0], new byte[] {(byte) 0xFF});
            return null;
        });
        return new TestServer(dir, "postgresql", kv);
    }

    MailMigrationComponent migration() {
        return new MailMigrationComponent(store, dir.resolve("imports"));
    }

    @Override
    public void close() {
        deactivate(store);
        deactivate(kv);
        try {
            blobs.getClass().getDeclaredMethod("deactivate");
            deactivate(blobs);
        } catch (NoSuchMethodException nothingToStop) {
            // the file-system store holds nothing open
        }
    }

    static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Users implements Directory {
        @Override
        public Optional<Principal> authenticate(Credentials c) {
            return c instanceof PlainCredentials p && p.secret().equals("secret") ? principal(p.name()) : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return USERS.contains(name) ? Optional.of(new Principal(name, PrincipalType.INDIVIDUAL, null, 0, 0,
                    List.of(new Address(name, "example.org")), Set.of(), true)) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address a) {
            return principal(a.localPart()).isPresent() ? Set.of(a.localPart()) : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals("example.org");
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }
    }
}
