package dev.hermod.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write transactions that wait for the writer are committed together, and each still succeeds or fails alone. */
class GroupCommitTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFailingTransactionInAGroupFailsAloneAndTheOthersCommit() throws Exception {
        try (SqliteKeyValueStore store = new SqliteKeyValueStore(SqliteOptions.defaults(dir.resolve("kv.sqlite")))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch hold = new CountDownLatch(1);
            try {
                // One transaction holds the writer while the others queue up behind it.
                Future<?> holder = pool.submit(() -> store.write(txn -> {
                    txn.set(b("holder"), b("1"));
                    try {
                        hold.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                Thread.sleep(100);
                List<Future<String>> writers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int n = i;
                    writers.add(pool.submit(() -> store.write(txn -> {
                        txn.set(b("key" + n), b("value" + n));
                        if (n == 5) {
                            throw new IllegalStateException("refused " + n);
                        }
                        // Later transactions of a group see the earlier ones' writes, as if committed before.
                        return n > 0 && txn.get(b("key0")) != null ? "saw key0" : "alone";
                    })));
                }
                Thread.sleep(200);
                hold.countDown();
                holder.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 12; i++) {
                    if (i == 5) {
                        Future<String> failing = writers.get(i);
                        Exception e = assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
                        assertEquals("refused 5", e.getCause().getMessage());
                    } else {
                        writers.get(i).get(10, TimeUnit.SECONDS);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            store.read(txn -> {
                for (int i = 0; i < 12; i++) {
                    if (i == 5) {
                        assertNull(txn.get(b("key5")), "the failed transaction's write is rolled back");
                    } else {
                        assertArrayEquals(b("value" + i), txn.get(b("key" + i)));
                    }
                }
                assertArrayEquals(b("1"), txn.get(b("holder")));
                return null;
            });
        }
    }
}
