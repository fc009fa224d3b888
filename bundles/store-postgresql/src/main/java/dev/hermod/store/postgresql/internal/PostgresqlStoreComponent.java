package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.WriteFunction;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers a PostgreSQL {@link KeyValueStore} ({@code name=postgresql}, ranking 100, so it is preferred
 * over the embedded SQLite store) once a {@code store.postgresql} configuration exists. A configuration
 * change reopens the pool.
 *
 * <p>The password comes from {@code password.file} (a file only Hermod's user can read) or
 * {@code password.env} (an environment variable), or else {@code .password}: the leading dot keeps it out
 * of the service properties, which every bundle and the shell can list. Do not put it in {@code url}.
 */
@Component(service = KeyValueStore.class, configurationPid = PostgresqlStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"name=postgresql", "service.ranking:Integer=100"})
@Designate(ocd = PostgresqlStoreComponent.Config.class)
public final class PostgresqlStoreComponent implements KeyValueStore {

    static final String PID = "store.postgresql";

    @ObjectClassDefinition(name = "Hermod metadata store: PostgreSQL",
            description = "The metadata store on a PostgreSQL 13+ database, shared by several Hermod nodes.")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL, e.g. jdbc:postgresql://db.example.org:5432/hermod?sslmode=verify-full."
                + " When set, host, port and database are ignored. No password in it.")
        String url() default "";

        @AttributeDefinition(description = "Server host, when url is empty.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Server port, when url is empty.")
        int port() default 5432;

        @AttributeDefinition(description = "Database, when url is empty.")
        String database() default "hermod";

        @AttributeDefinition(description = "Role to log in as.")
        String user() default "hermod";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Password (key .password). Prefer password.file or password.env.")
        String _password() default "";

        @AttributeDefinition(description = "File holding the password on its first line; make it readable by Hermod's user only.")
        String password_file() default "";

        @AttributeDefinition(description = "Environment variable holding the password.")
        String password_env() default "";

        @AttributeDefinition(description = "Pooled connections: how many transactions run at once.", min = "1")
        int pool_size() default 10;

        @AttributeDefinition(description = "Milliseconds a transaction waits for a connection before it fails temporarily.",
                min = "250")
        int connection_timeout_ms() default 5000;

        @AttributeDefinition(description = "Schema of the table; created if missing.")
        String schema() default "public";

        @AttributeDefinition(description = "Table; created on first start with its index and the function <table>_add.")
        String table() default "hermod_kv";
    }

    private final PostgresqlKeyValueStore store;

    @Activate
    public PostgresqlStoreComponent(Config config) {
        store = new PostgresqlKeyValueStore(options(config, System::getenv));
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Override
    public <T> T read(ReadFunction<T> function) {
        return store.read(function);
    }

    @Override
    public <T> T write(WriteFunction<T> function) {
        return store.write(function);
    }

    static PostgresqlOptions options(Config config, UnaryOperator<String> getenv) {
        String password = Secrets.password(config._password(), config.password_file(), config.password_env(), getenv);
        return new PostgresqlOptions(config.url(), config.host(), config.port(), config.database(), config.user(),
                password, config.pool_size(), Duration.ofMillis(config.connection_timeout_ms()), config.schema(),
                config.table(), StoreLimits.MAX_TRANSACTION_MILLIS);
    }
}
