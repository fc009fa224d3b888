package dev.hermod.store.postgresql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.WriteFunction;
import dev.hermod.store.support.Gate;
import dev.hermod.store.support.NestingGuard;
import dev.hermod.store.support.RetryLoop;
import dev.hermod.store.support.TransactionState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-value store on one PostgreSQL table, through a HikariCP pool of {@link PGSimpleDataSource}
 * connections (no {@code DriverManager}, which does not work across OSGi class loaders).
 *
 * <h2>Isolation</h2>
 * Write transactions run {@code SERIALIZABLE}: PostgreSQL's serializable snapshot isolation aborts one
 * of two transactions whose reads and writes could not have run one after the other (SQLSTATE 40001,
 * or 40P01 for a deadlock), which becomes a {@link dev.hermod.api.store.ConflictException} and a retry.
 * Read transactions run {@code REPEATABLE READ, READ ONLY}: one snapshot, never a conflict.
 *
 * <h2>Atomic add</h2>
 * An add is deferred to the commit, summed per key, and sent as one {@code INSERT ... ON CONFLICT DO
 * UPDATE} whose new value the server computes ({@code <table>_add}), so the transaction never reads the
 * counter: an add adds nothing to its read set and cannot cause a serialization failure with readers.
 * Two transactions adding to the same key at the same time still update the same row, and PostgreSQL
 * fails the second with 40001 ("could not serialize access due to concurrent update") at any isolation
 * above {@code READ COMMITTED}, even with the upsert as its first statement. Running such transactions
 * at {@code READ COMMITTED} would avoid that but escape the serializability checks of the others, and
 * rows of deltas summed at read time would make every reading transaction conflict with every add. So
 * adds to one hot key are made to converge instead: a retry after a conflict runs alone among this
 * store's write transactions (it waits for those running and holds back new ones), so it cannot lose
 * to them again; totals are exact and retries are not exhausted however many threads add at once.
 * Transactions of other Hermod nodes on the same database can still conflict with it and are retried
 * with back-off as usual.
 */
final class PostgresqlKeyValueStore implements KeyValueStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresqlKeyValueStore.class);
    private static final NestingGuard NESTING = new NestingGuard();

    private final PostgresqlOptions options;
    private final PgSchema schema;
    private final PgErrors errors;
    private final String name;
    private final HikariDataSource pool;
    private final Gate gate;
    /** Write attempts share it; a retry after a conflict takes it alone. */
    private final ReadWriteLock attempts = new ReentrantReadWriteLock();
    private volatile boolean schemaReady;

    PostgresqlKeyValueStore(PostgresqlOptions options) {
        this.options = options;
        this.schema = new PgSchema(options.schema(), options.table());
        PGSimpleDataSource source = dataSource(options);
        this.errors = new PgErrors(server(source));
        this.name = "PostgreSQL store " + schema.name() + " at " + errors.server();
        this.gate = new Gate(name);
        this.pool = new HikariDataSource(poolConfig(options, source));
        try {
            ensureSchema();
            LOG.info("PostgreSQL key-value store on table {} of database {} at {} as {} (pool of {})", schema.name(),
                    source.getDatabaseName(), errors.server(), options.user(), options.poolSize());
        } catch (TemporaryFailureException e) {
            // The server may come later: each transaction tries again until the schema exists.
            LOG.warn("{}: not ready yet, transactions fail until it is: {}", name, e.getMessage());
        }
    }

    @Override
    public <T> T read(ReadFunction<T> function) {
        Objects.requireNonNull(function, "function");
        NESTING.checkNotNested();
        return RetryLoop.run(name, attempt -> gate.call(() -> {
            ensureSchema();
            return runReconnecting(false, function::apply);
        }));
    }

    @Override
    public <T> T write(WriteFunction<T> function) {
        Objects.requireNonNull(function, "function");
        NESTING.checkNotNested();
        return RetryLoop.run(name, attempt -> gate.call(() -> {
            ensureSchema();
            Lock lock = attempt == 0 ? attempts.readLock() : attempts.writeLock();
            boolean locked = tryLock(lock);
            try {
                return runReconnecting(true, function::apply);
            } finally {
                if (locked) {
                    lock.unlock();
                }
            }
        }));
    }

    /** Refuses new transactions, waits a bounded time for those running, and closes the pool. */
    @Override
    public void close() {
        long wait = options.maxTransactionMillis() + options.connectionTimeout().toMillis();
        int running = gate.close(wait);
        if (running > 0) {
            LOG.warn("{}: closing with {} transaction(s) still running after {} ms; they fail", name, running, wait);
        }
        pool.close();
        LOG.info("{} closed", name);
    }

    private interface Body<T> {
        T apply(PgTransaction txn);
    }

    // After a server restart the pool may still hold dead connections: one more try on a fresh one.
    private <T> T runReconnecting(boolean write, Body<T> function) {
        try {
            return run(write, function);
        } catch (LostConnectionException e) {
            LOG.info("{}: a connection was lost ({}); running the transaction again", name, e.getMessage());
            return run(write, function);
        }
    }

    private <T> T run(boolean write, Body<T> function) {
        try (Connection connection = pool.getConnection()) {
            PgTransaction txn = new PgTransaction(connection, schema, errors,
                    new TransactionState(write, options.maxTransactionMillis()));
            boolean committed = false;
            try {
                if (!write) {
                    txn.beginReadOnly();
                }
                T result = NESTING.run(() -> function.apply(txn));
                if (write) {
                    txn.commit();
                } else {
                    connection.commit();
                }
                committed = true;
                return result;
            } finally {
                txn.close();
                if (!committed) {
                    rollbackQuietly(connection);
                }
            }
        } catch (SQLException e) {
            throw errors.map(e, write ? "running a write transaction" : "running a read transaction");
        }
    }

    private void ensureSchema() {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (schemaReady) {
                return;
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                boolean[] have = existing(s);
                if (!(have[0] && have[1] && have[2] && have[3])) {
                    // Nodes starting together take turns; check again under the lock.
                    s.execute("SELECT pg_advisory_xact_lock(" + schema.lockKey() + ")");
                    have = existing(s);
                    String[] ddl = {schema.createSchema(), schema.createTable(), schema.createIndex(),
                            schema.createAddFunction()};
                    for (int i = 0; i < ddl.length; i++) {
                        if (!have[i]) {
                            s.execute(ddl[i]);
                        }
                    }
                    LOG.info("{}: created what was missing of schema, table, index and function", name);
                }
                c.commit();
                schemaReady = true;
            } catch (SQLException e) {
                throw errors.map(e, "creating the table " + schema.name());
            }
        }
    }

    private boolean[] existing(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(schema.existing())) {
            rs.next();
            return new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)};
        }
    }

    private boolean tryLock(Lock lock) {
        try {
            return lock.tryLock(2L * options.maxTransactionMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryFailureException(name + ": interrupted while waiting to run a transaction", e);
        }
    }

    private void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("{}: rollback failed: {}", name, e.getMessage());
        }
    }

    private static PGSimpleDataSource dataSource(PostgresqlOptions options) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        if (!options.url().isBlank()) {
            source.setURL(options.url().trim());
        } else {
            source.setServerNames(new String[] {options.host()});
            source.setPortNumbers(new int[] {options.port()});
            source.setDatabaseName(options.database());
        }
        source.setUser(options.user());
        if (!options.password().isEmpty()) {
            source.setPassword(options.password());
        }
        source.setApplicationName("hermod");
        source.setTcpKeepAlive(true);
        source.setConnectTimeout((int) Math.max(1, options.connectionTimeout().toSeconds()));
        source.setSocketTimeout(60);
        // A statement waiting longer than a transaction may last is cancelled (57014, retried). Plans: range
        // reads must walk the order index (bitmap scans and full sorts would read whole ranges per batch),
        // whatever the table's statistics say.
        long statementTimeout = options.maxTransactionMillis() + 1_000;
        String ours = "-c statement_timeout=" + statementTimeout + " -c enable_sort=off -c enable_bitmapscan=off";
        String given = source.getOptions();
        source.setOptions(given == null || given.isBlank() ? ours : given + " " + ours);
        return source;
    }

    private static HikariConfig poolConfig(PostgresqlOptions options, PGSimpleDataSource source) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hermod-kv-" + options.schema() + "." + options.table());
        config.setDataSource(source);
        config.setMaximumPoolSize(options.poolSize());
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(5_000, options.connectionTimeout().toMillis()));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        // Start even while the server is down; transactions fail with TemporaryFailureException meanwhile.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    private static String server(PGSimpleDataSource source) {
        String[] hosts = source.getServerNames();
        int[] ports = source.getPortNumbers();
        String host = hosts == null || hosts.length == 0 ? "localhost" : hosts[0];
        int port = ports == null || ports.length == 0 || ports[0] == 0 ? 5432 : ports[0];
        return host + ":" + port;
    }
}
