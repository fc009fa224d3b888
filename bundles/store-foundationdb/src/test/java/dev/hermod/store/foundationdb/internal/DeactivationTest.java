package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.apple.foundationdb.Database;
import dev.hermod.api.mail.TemporaryFailureException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping the store: work in progress finishes, new work fails temporarily, then the database closes. */
@Timeout(30)
class DeactivationTest {

    private final FakeCluster cluster = new FakeCluster();
    private final Database database = cluster.database();
    private final FoundationDbKeyValueStore store = new FoundationDbKeyValueStore(
            Settings.from(Configs.defaults()), database);

    @Test
    void workInProgressFinishesAndNewWorkFailsTemporarily() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> store.write(txn -> {
            txn.set(new byte[] {1}, new byte[] {2});
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "committed";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> stop = CompletableFuture.runAsync(store::close);
        Thread.sleep(200);
        assertFalse(stop.isDone(), "deactivation waits for the write in progress");
        TemporaryFailureException refused = assertThrows(TemporaryFailureException.class,
                () -> store.read(txn -> null));
        assertTrue(refused.getMessage().contains("is stopping"), refused.getMessage());

        release.countDown();
        assertEquals("committed", write.get(10, TimeUnit.SECONDS));
        stop.get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {2}, cluster.data.get(KeyPrefix.of("hermod").add(new byte[] {1})));
        assertThrows(IllegalStateException.class, database::createTransaction, "the database is closed");
    }
}
