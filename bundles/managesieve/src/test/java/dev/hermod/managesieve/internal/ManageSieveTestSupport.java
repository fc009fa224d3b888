package dev.hermod.managesieve.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.sieve.SieveScripts;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.sieve.SieveScriptStore;
import dev.hermod.sieve.internal.SieveCheckerComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the ManageSieve tests: the real core (SieveScripts, Authenticator) over SQLite and the file
 * system, the Sieve bundle's checker, and listeners on 127.0.0.1 at a free port.
 */
abstract class ManageSieveTestSupport {

    @TempDir
    Path dir;

    KeyValueStore kv;
    ProviderRegistry registry;
    SieveScripts scripts;
    private final List<ManageSieveServer> servers = new ArrayList<>();

    /** alice and bob, password "secret". */
    static final class Users implements Directory {
        @Override
        public Optional<Principal> authenticate(Credentials c) {
            return c instanceof PlainCredentials p && p.secret().equals("secret") ? principal(p.name()) : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return Set.of("alice", "bob").contains(name) ? Optional.of(new Principal(name, PrincipalType.INDIVIDUAL,
                    null, 0, 0, List.of(new Address(name, "example.org")), Set.of(), true)) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address a) {
            return a.domain().equals("example.org") && principal(a.localPart()).isPresent()
                    ? Set.of(a.localPart()) : Set.of();
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

    @BeforeEach
    void startCore() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new Users());
        scripts = new SieveScriptStore(registry);
    }

    @AfterEach
    void stopCore() {
        servers.forEach(ManageSieveServer::deactivate);
        deactivate(kv);
    }

    /**
     * Starts a listener.
     *
     * @param security none, starttls or implicit_tls
     * @param plainWithoutTls whether the Authenticator allows PLAIN and LOGIN without TLS
     * @param extra more configuration
     * @return its port
     */
    int server(String security, boolean plainWithoutTls, Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "managesieve", "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "sieve.example.org"));
        config.putAll(extra);
        DirectoryAuthenticator auth = new DirectoryAuthenticator(registry, Components.config(
                DirectoryAuthenticator.Config.class, Map.of("plaintext.without.tls", plainWithoutTls)));
        ManageSieveServer server = new ManageSieveServer(Components.config(ManageSieveServer.Config.class, config),
                config, scripts, new SieveCheckerComponent(), auth);
        servers.add(server);
        return server.address().getPort();
    }

    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
