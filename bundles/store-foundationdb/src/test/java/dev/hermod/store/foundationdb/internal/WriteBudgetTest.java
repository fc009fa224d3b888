package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimits;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    @Test
    void keysValuesAndRangeBoundsCount() {
        WriteBudget budget = new WriteBudget(0);
        budget.set(new byte[3], new byte[4]);
        budget.key(new byte[5]);
        budget.range(new byte[1], new byte[2]);
        assertEquals(15, budget.written());
    }

    @Test
    void theLimitItselfFitsAndOneMoreByteDoesNot() {
        WriteBudget budget = new WriteBudget(0);
        for (int i = 0; i < 100; i++) {
            budget.set(new byte[0], new byte[StoreLimits.MAX_VALUE_SIZE]);
        }
        assertEquals(StoreLimits.MAX_TRANSACTION_SIZE, budget.written());
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> budget.key(new byte[1]));
        assertEquals(StoreLimitException.Limit.TRANSACTION_SIZE, e.limit());
        assertEquals(StoreLimits.MAX_TRANSACTION_SIZE + 1L, e.size());
        assertEquals(StoreLimits.MAX_TRANSACTION_SIZE, budget.written(), "a refused write is not counted");
    }

    @Test
    void fdbsOwnEstimateIsReportedWhenLarger() {
        WriteBudget budget = new WriteBudget(0);
        budget.set(new byte[10], new byte[10]);
        assertEquals(12_000_000, budget.exceeded(StoreLimitException.Limit.TRANSACTION_SIZE, 12_000_000).size());
        assertEquals(20, budget.exceeded(StoreLimitException.Limit.TRANSACTION_SIZE, 0).size());
    }
}
