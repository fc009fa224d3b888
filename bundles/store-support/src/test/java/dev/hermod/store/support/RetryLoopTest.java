package dev.hermod.store.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryLoopTest {

    @Test
    void conflictsAreRetriedWithTheAttemptNumber() {
        List<Integer> seen = new ArrayList<>();
        String result = RetryLoop.run("test store", n -> {
            seen.add(n);
            if (n < 3) {
                throw new ConflictException("busy");
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of(0, 1, 2, 3), seen);
    }

    @Test
    void retriesRunOutAsATemporaryFailure() {
        List<Integer> seen = new ArrayList<>();
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> RetryLoop.run("test store", n -> {
            seen.add(n);
            throw new ConflictException("always");
        }));
        assertEquals(StoreLimits.MAX_RETRIES + 1, seen.size());
        assertTrue(e.getMessage().startsWith("test store: the transaction still conflicted after "
                + (StoreLimits.MAX_RETRIES + 1) + " attempts"), e.getMessage());
        assertInstanceOf(ConflictException.class, e.getCause());
    }

    @Test
    void otherExceptionsEndTheLoopUnchanged() {
        IllegalStateException thrown = new IllegalStateException("bug");
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RetryLoop.run("s", n -> {
            seen.add(n);
            throw thrown;
        }));
        assertEquals(thrown, e);
        assertEquals(List.of(0), seen);
    }
}
