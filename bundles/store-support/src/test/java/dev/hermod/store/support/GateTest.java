package dev.hermod.store.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void anOpenGateRunsTheWork() {
        Gate gate = new Gate("test store");
        assertEquals("x", gate.call(() -> "x"));
        assertThrows(IllegalStateException.class, () -> gate.call(() -> {
            throw new IllegalStateException("propagates");
        }));
        assertEquals(0, gate.close(0), "nothing left in flight after a failure");
    }

    @Test
    void aClosedGateRefusesWithoutRunning() {
        Gate gate = new Gate("test store");
        gate.close(0);
        AtomicBoolean ran = new AtomicBoolean();
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> gate.call(() -> ran.getAndSet(true)));
        assertTrue(e.getMessage().startsWith("test store is stopped"), e.getMessage());
        assertFalse(ran.get());
    }

    @Test
    void closeWaitsForWorkInFlight() throws Exception {
        Gate gate = new Gate("test store");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> gate.call(() -> {
            entered.countDown();
            await(release);
            return null;
        }));
        worker.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        assertEquals(1, gate.close(50), "still running after a short wait");
        new Thread(() -> {
            sleep(100);
            release.countDown();
        }).start();
        assertEquals(0, gate.close(10_000), "ended while close waited");
        worker.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
