package dev.hermod.store.sqlite.internal;

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
import dev.hermod.api.store.StoreLimits;
import dev.hermod.tck.KeyValueStoreContract;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The SQLite store, built directly on a file in a temporary directory, against the TCK and more. */
class SqliteKeyValueStoreTest implements KeyValueStoreContract {

    @TempDir
    Path dir;

    private Path file;
    private SqliteKeyValueStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("metadata.sqlite");
        store = new SqliteKeyValueStore(SqliteOptions.defaults(file));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        store.write(txn -> {
            txn.set(key("a"), key("1"));
            txn.add(key("n"), 41);
            return null;
        });
        store.close();
        store = new SqliteKeyValueStore(SqliteOptions.defaults(file));
        assertArrayEquals(key("1"), store.read(txn -> txn.get(key("a"))));
        store.write(txn -> {
            txn.add(key("n"), 1);
            return null;
        });
        assertEquals(42, Keys.decodeLongLittleEndian(store.read(txn -> txn.get(key("n")))));
    }

    @Test
    void theDatabaseIsInWalMode() throws Exception {
        store.write(txn -> {
            txn.set(key("a"), key("1"));
            return null;
        });
        assertTrue(Files.exists(dir.resolve("metadata.sqlite-wal")), "a WAL file beside the database");
        SQLiteDataSource raw = new SQLiteDataSource();
        raw.setUrl("jdbc:sqlite:" + file);
        try (Connection c = raw.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            assertTrue(rs.next());
            assertEquals("wal", rs.getString(1), "WAL is persistent in the file");
        }
    }

    /** A child JVM commits in a loop and is killed with SIGKILL; every commit it reported is on disk. */
    @Test
    void committedWritesSurviveKill9() throws Exception {
        store.close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SqliteWriterMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastReported = Integer.parseInt(line.substring(10));
                    if (lastReported >= 100) {
                        break;
                    }
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child killed");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(lastReported >= 100, "the child reported commits, last " + lastReported);
        store = new SqliteKeyValueStore(SqliteOptions.defaults(file));
        int reported = lastReported;
        store.read(txn -> {
            for (int i = 0; i <= reported; i++) {
                assertArrayEquals(Keys.encodeInt(i), txn.get(Keys.concat(key("durable/"), Keys.encodeInt(i))),
                        "commit " + i + " survived");
            }
            return null;
        });
    }

    @Test
    void aWriteOverTheTimeLimitFailsAndIsNotRetried() {
        store.close();
        store = new SqliteKeyValueStore(new SqliteOptions(file, 2, Duration.ofSeconds(5), 200));
        AtomicInteger attempts = new AtomicInteger();
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> store.write(txn -> {
            attempts.incrementAndGet();
            txn.set(key("slow"), key("1"));
            sleep(300);
            return null;
        }));
        assertEquals(Limit.TRANSACTION_TIME, e.limit());
        assertEquals(1, attempts.get());
        assertNull(store.read(txn -> txn.get(key("slow"))), "not committed");
    }

    @Test
    void aReadOverTheTimeLimitIsRetriedThenFails() {
        store.close();
        store = new SqliteKeyValueStore(new SqliteOptions(file, 2, Duration.ofSeconds(5), 100));
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(TemporaryFailureException.class, () -> store.read(txn -> {
            attempts.incrementAndGet();
            sleep(150);
            return txn.get(key("x"));
        }));
        assertTrue(attempts.get() > 1, "retried: " + attempts.get());
    }

    @Test
    void aSwallowedLimitErrorStillAborts() {
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> store.write(txn -> {
            txn.set(key("a"), key("1"));
            try {
                for (int i = 0; i < 200; i++) {
                    txn.set(Keys.concat(key("big"), Keys.encodeInt(i)), new byte[StoreLimits.MAX_VALUE_SIZE]);
                }
            } catch (StoreLimitException swallowed) {
                // a buggy caller
            }
            return null;
        }));
        assertEquals(Limit.TRANSACTION_SIZE, e.limit());
        assertNull(store.read(txn -> txn.get(key("a"))));
    }

    @Test
    void transactionsDoNotNest() {
        assertThrows(IllegalStateException.class, () -> store.write(txn -> store.read(inner -> null)));
        assertThrows(IllegalStateException.class, () -> store.read(txn -> store.read(inner -> null)));
    }

    @Test
    void readTransactionsCannotWrite() {
        assertThrows(IllegalStateException.class, () -> store.read(txn -> {
            ((dev.hermod.api.store.Transaction) txn).set(key("a"), key("1"));
            return null;
        }));
    }

    @Test
    void closeWaitsForATransactionInFlightThenRefusesNewOnes() throws Exception {
        Thread slow = new Thread(() -> store.write(txn -> {
            txn.set(key("slow"), key("1"));
            sleep(300);
            return null;
        }));
        slow.start();
        sleep(100);
        store.close();
        slow.join();
        assertThrows(TemporaryFailureException.class, () -> store.read(txn -> null));
        store = new SqliteKeyValueStore(SqliteOptions.defaults(file));
        assertArrayEquals(key("1"), store.read(txn -> txn.get(key("slow"))), "the transaction in flight committed");
    }

    @Test
    void databaseFileDefaults() {
        File bundleData = dir.resolve("bundle-data").toFile();
        assertEquals(Path.of("/srv/karaf/data/hermod/metadata.sqlite"),
                SqliteStoreComponent.databaseFile("", "/srv/karaf/data", bundleData));
        assertEquals(bundleData.toPath().resolve("metadata.sqlite"), SqliteStoreComponent.databaseFile(" ", null, bundleData));
        assertEquals(Path.of("/var/lib/hermod/kv.sqlite"),
                SqliteStoreComponent.databaseFile("/var/lib/hermod/kv.sqlite", "/srv/karaf/data", bundleData));
        assertEquals(Path.of("/srv/karaf/data/db/kv.sqlite"),
                SqliteStoreComponent.databaseFile("db/kv.sqlite", "/srv/karaf/data", bundleData));
        assertThrows(IllegalStateException.class, () -> SqliteStoreComponent.databaseFile("", null, null));
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
