package dev.hermod.store.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration to options: password sources, defaults and validation. */
class PostgresqlStoreComponentTest {

    private static final UnaryOperator<String> ENV = name -> "HERMOD_DB_PASSWORD".equals(name) ? "from-env" : null;

    @TempDir
    Path dir;

    @Test
    void defaultsConnectToALocalDatabase() {
        PostgresqlOptions options = PostgresqlStoreComponent.options(config(Map.of()), ENV);
        assertEquals("", options.url());
        assertEquals("127.0.0.1", options.host());
        assertEquals(5432, options.port());
        assertEquals("hermod", options.database());
        assertEquals("hermod", options.user());
        assertEquals("", options.password());
        assertEquals(10, options.poolSize());
        assertEquals("public", options.schema());
        assertEquals("hermod_kv", options.table());
        assertTrue(options.toString().contains("password=(none)"));
    }

    @Test
    void thePasswordComesFromOneOfThreePlaces() throws IOException {
        Path file = dir.resolve("db.password");
        Files.writeString(file, "from-file\nignored second line\n");
        assertEquals("from-file", PostgresqlStoreComponent.options(config(Map.of("password_file", file.toString())), ENV).password());
        assertEquals("from-env", PostgresqlStoreComponent.options(config(Map.of("password_env", "HERMOD_DB_PASSWORD")), ENV).password());
        PostgresqlOptions inline = PostgresqlStoreComponent.options(config(Map.of("_password", "inline")), ENV);
        assertEquals("inline", inline.password());
        assertTrue(!inline.toString().contains("inline"), "toString hides the password");
    }

    @Test
    void badPasswordSourcesAreRejectedClearly() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> PostgresqlStoreComponent
                .options(config(Map.of("_password", "x", "password_env", "HERMOD_DB_PASSWORD")), ENV));
        assertTrue(two.getMessage().contains("only one"), two.getMessage());
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> PostgresqlStoreComponent.options(config(Map.of("password_env", "NOT_SET_ANYWHERE")), ENV));
        assertTrue(unset.getMessage().contains("NOT_SET_ANYWHERE"), unset.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PostgresqlStoreComponent
                .options(config(Map.of("password_file", dir.resolve("nope").toString())), ENV));
        assertTrue(missing.getMessage().contains("cannot be read"), missing.getMessage());
    }

    @Test
    void tableNamesMustBePlainIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> new PgSchema("public", "kv; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> new PgSchema("Public", "kv"));
        assertEquals("mail.kv_1", new PgSchema("mail", "kv_1").name());
    }

    /** A configuration whose attributes are the given values, or the annotation defaults. */
    private static PostgresqlStoreComponent.Config config(Map<String, Object> values) {
        return (PostgresqlStoreComponent.Config) Proxy.newProxyInstance(PostgresqlStoreComponent.Config.class.getClassLoader(),
                new Class<?>[] {PostgresqlStoreComponent.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PostgresqlStoreComponent.Config.class;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
