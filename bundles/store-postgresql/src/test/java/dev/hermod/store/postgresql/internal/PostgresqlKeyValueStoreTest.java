package dev.hermod.store.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.tck.KeyValueStoreContract;
import dev.hermod.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL store against a real server started for the test JVM, against the TCK and more. */
class PostgresqlKeyValueStoreTest implements KeyValueStoreContract {

    private static PostgresServer server;
    private static PostgresqlKeyValueStore store;

    @BeforeAll
    static void open() {
        server = PostgresServer.shared();
        store = new PostgresqlKeyValueStore(options("kv_tck"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @BeforeEach
    void empty() {
        store.write(txn -> {
            txn.clearRange(new byte[0], new byte[] {(byte) 0xFF});
            return null;
        });
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Test
    void storesOnOneDatabaseWithDifferentTablesAreSeparate() {
        store.write(txn -> {
            txn.set(key("a"), key("tck"));
            return null;
        });
        try (PostgresqlKeyValueStore other = new PostgresqlKeyValueStore(options("kv_other"))) {
            assertNull(other.read(txn -> txn.get(key("a"))));
            other.write(txn -> {
                txn.set(key("a"), key("other"));
                return null;
            });
            assertArrayEquals(key("other"), other.read(txn -> txn.get(key("a"))));
        }
        assertArrayEquals(key("tck"), store.read(txn -> txn.get(key("a"))));
    }

    @Test
    void aSecondStoreOnTheSameTableSharesItsData() {
        store.write(txn -> {
            txn.add(key("n"), 2);
            return null;
        });
        try (PostgresqlKeyValueStore again = new PostgresqlKeyValueStore(options("kv_tck"))) {
            again.write(txn -> {
                txn.add(key("n"), 3);
                return null;
            });
        }
        assertEquals(5, Keys.decodeLongLittleEndian(store.read(txn -> txn.get(key("n")))));
    }

    @Test
    void anUnreachableServerIsATemporaryFailure() throws IOException {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        PostgresqlOptions nowhere = PostgresqlOptions.forUrl("jdbc:postgresql://127.0.0.1:" + port + "/hermod",
                "hermod", "x", "kv").withConnectionTimeout(Duration.ofMillis(500));
        try (PostgresqlKeyValueStore down = new PostgresqlKeyValueStore(nowhere)) {
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> down.write(txn -> null));
            assertTrue(e.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + port + " unavailable"), e.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        PostgresqlOptions wrong = PostgresqlOptions.forUrl(server.jdbcUrl(), server.user(), "wrong", "kv_tck")
                .withConnectionTimeout(Duration.ofMillis(1000));
        try (PostgresqlKeyValueStore refused = new PostgresqlKeyValueStore(wrong)) {
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> refused.read(txn -> null));
            assertTrue(e.getMessage().contains("PostgreSQL at 127.0.0.1:" + server.port()), e.getMessage());
        }
    }

    /** Server-side termination of the pool's sessions (as in a restart): at most a temporary failure, then it recovers. */
    @Test
    void lostConnectionsFailTemporarilyAndThePoolRecovers() throws SQLException {
        store.write(txn -> {
            txn.set(key("before"), key("1"));
            return null;
        });
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(server.jdbcUrl());
        admin.setUser(server.user());
        admin.setPassword(server.password());
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'hermod' AND pid <> pg_backend_pid()")) {
            assertTrue(rs.next() && rs.getInt(1) > 0, "terminated the pool's sessions");
        }
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            try {
                assertArrayEquals(key("1"), store.read(txn -> txn.get(key("before"))));
            } catch (TemporaryFailureException e) {
                failures++;
                assertTrue(e.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + server.port() + " unavailable"),
                        e.getMessage());
            }
        }
        assertTrue(failures < 20, "the pool replaced its connections");
        store.write(txn -> {
            txn.set(key("after"), key("2"));
            return null;
        });
        assertArrayEquals(key("2"), store.read(txn -> txn.get(key("after"))));
    }

    @Test
    void aWriteOverTheTimeLimitFailsAndIsNotRetried() {
        try (PostgresqlKeyValueStore quick = new PostgresqlKeyValueStore(options("kv_tck").withMaxTransactionMillis(200))) {
            AtomicInteger attempts = new AtomicInteger();
            StoreLimitException e = assertThrows(StoreLimitException.class, () -> quick.write(txn -> {
                attempts.incrementAndGet();
                txn.set(key("slow"), key("1"));
                sleep(300);
                return null;
            }));
            assertEquals(Limit.TRANSACTION_TIME, e.limit());
            assertEquals(1, attempts.get());
        }
        assertNull(store.read(txn -> txn.get(key("slow"))));
    }

    @Test
    void addingToAValueThatIsNotACounterFails() {
        store.write(txn -> {
            txn.set(key("text"), key("abc"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> store.write(txn -> {
            txn.add(key("text"), 1);
            return null;
        }));
        assertArrayEquals(key("abc"), store.read(txn -> txn.get(key("text"))));
    }

    @Test
    void transactionsDoNotNest() {
        assertThrows(IllegalStateException.class, () -> store.write(txn -> store.write(inner -> null)));
    }

    @Test
    void closeWaitsForATransactionInFlightThenRefusesNewOnes() throws Exception {
        PostgresqlKeyValueStore closing = new PostgresqlKeyValueStore(options("kv_tck"));
        Thread slow = new Thread(() -> closing.write(txn -> {
            txn.set(key("slow"), key("1"));
            sleep(300);
            return null;
        }));
        slow.start();
        sleep(100);
        closing.close();
        slow.join();
        assertThrows(TemporaryFailureException.class, () -> closing.read(txn -> null));
        assertArrayEquals(key("1"), store.read(txn -> txn.get(key("slow"))), "the transaction in flight committed");
    }

    private static PostgresqlOptions options(String table) {
        return PostgresqlOptions.forUrl(server.jdbcUrl(), server.user(), server.password(), table);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
