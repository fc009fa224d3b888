package dev.hermod.store.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransactionStateTest {

    private static final byte[] KEY = {1, 2, 3};

    @Test
    void aReadTransactionCannotWrite() {
        TransactionState state = new TransactionState(false, 5_000);
        state.beforeGet(KEY);
        state.beforeRange(KEY, new byte[] {(byte) 0xFF}, 0);
        assertThrows(IllegalStateException.class, () -> state.beforeSet(KEY, KEY));
        assertThrows(IllegalStateException.class, () -> state.beforeClear(KEY));
        assertThrows(IllegalStateException.class, () -> state.beforeClearRange(KEY, KEY));
        assertThrows(IllegalStateException.class, () -> state.beforeAdd(KEY));
        state.checkCommit();
    }

    @Test
    void argumentsAreChecked() {
        TransactionState state = new TransactionState(true, 5_000);
        assertThrows(IllegalArgumentException.class, () -> state.beforeRange(KEY, KEY, -1));
        assertThrows(IllegalArgumentException.class, () -> state.beforeSet(new byte[] {(byte) 0xFF}, KEY));
        assertThrows(NullPointerException.class, () -> state.beforeClearRange(KEY, null));
        StoreLimitException e = assertThrows(StoreLimitException.class,
                () -> state.beforeRange(KEY, new byte[StoreLimits.MAX_KEY_SIZE + 1], 0));
        assertEquals(Limit.KEY_SIZE, e.limit());
        assertThrows(StoreLimitException.class, () -> state.beforeSet(KEY, new byte[StoreLimits.MAX_VALUE_SIZE + 1]));
        state.checkCommit();
    }

    @Test
    void aSwallowedSizeFailureStillForbidsTheCommit() {
        TransactionState state = new TransactionState(true, 5_000);
        byte[] value = new byte[StoreLimits.MAX_VALUE_SIZE];
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> {
            for (int i = 0; i < 200; i++) {
                state.beforeSet(KEY, value);
            }
        });
        assertEquals(Limit.TRANSACTION_SIZE, e.limit());
        assertSame(e, assertThrows(StoreLimitException.class, state::checkCommit));
    }

    @Test
    void theFirstFailureIsKept() {
        TransactionState state = new TransactionState(true, 5_000);
        ConflictException first = new ConflictException("first");
        assertSame(first, state.fail(first));
        state.fail(new ConflictException("second"));
        assertSame(first, assertThrows(ConflictException.class, state::checkCommit));
    }

    @Test
    void overTheTimeLimitAWriteFailsAndAReadConflicts() throws InterruptedException {
        TransactionState write = new TransactionState(true, 20);
        TransactionState read = new TransactionState(false, 20);
        Thread.sleep(50);
        assertEquals(Limit.TRANSACTION_TIME, assertThrows(StoreLimitException.class, () -> write.beforeGet(KEY)).limit());
        assertThrows(StoreLimitException.class, write::checkCommit);
        assertThrows(ConflictException.class, () -> read.beforeGet(KEY));
    }

    @Test
    void aClosedOrForeignTransactionIsUnusable() throws InterruptedException {
        TransactionState state = new TransactionState(true, 5_000);
        AtomicReference<RuntimeException> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                state.checkUsable();
            } catch (RuntimeException e) {
                fromOther.set(e);
            }
        });
        other.start();
        other.join();
        assertEquals(IllegalStateException.class, fromOther.get().getClass());
        state.close();
        assertThrows(IllegalStateException.class, () -> state.beforeGet(KEY));
    }
}
