package dev.hermod.store.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NestingGuardTest {

    @Test
    void aFunctionCannotStartAnotherTransactionOfTheSameGuard() {
        NestingGuard guard = new NestingGuard();
        guard.checkNotNested();
        assertThrows(IllegalStateException.class, () -> guard.run(() -> {
            guard.checkNotNested();
            return null;
        }));
        guard.checkNotNested();
    }

    @Test
    void theMarkIsClearedWhenTheFunctionThrows() {
        NestingGuard guard = new NestingGuard();
        assertThrows(ArithmeticException.class, () -> guard.run(() -> 1 / 0));
        guard.checkNotNested();
    }

    @Test
    void guardsAreIndependent() {
        NestingGuard one = new NestingGuard();
        NestingGuard other = new NestingGuard();
        assertEquals("ok", one.run(() -> {
            other.checkNotNested();
            return "ok";
        }));
    }
}
