package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InFlightTest {

    @Test
    void closeWaitsForCallsInProgressAndRefusesNewOnes() throws Exception {
        InFlight inFlight = new InFlight("fdb");
        inFlight.enter();
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<Integer> closed = CompletableFuture.supplyAsync(() -> {
            closing.countDown();
            try {
                return inFlight.close(5000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closing.await();
        Thread.sleep(100);
        assertTrue(!closed.isDone(), "close waits for the call in progress");
        inFlight.exit();
        assertEquals(0, closed.get(5, TimeUnit.SECONDS));
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, inFlight::enter);
        assertTrue(e.getMessage().contains("'fdb' is stopping"), e.getMessage());
    }

    @Test
    void closeGivesUpAfterItsWait() throws Exception {
        InFlight inFlight = new InFlight("fdb");
        inFlight.enter();
        inFlight.enter();
        assertEquals(2, inFlight.close(50));
    }
}
