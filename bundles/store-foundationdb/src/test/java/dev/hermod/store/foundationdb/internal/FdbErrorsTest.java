package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.apple.foundationdb.FDBException;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FdbErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "1007, RETRY", // transaction_too_old
        "1009, RETRY", // future_version
        "1020, RETRY", // not_committed
        "1021, RETRY", // commit_unknown_result
        "1037, RETRY", // process_behind
        "1038, RETRY", // database_locked
        "1213, RETRY", // tag_throttled
        "1004, TIMEOUT", // timed_out
        "1031, TIMEOUT", // transaction_timed_out
        "2101, LIMIT", // transaction_too_large
        "2102, LIMIT", // key_too_large
        "2103, LIMIT", // value_too_large
        "1025, MISUSE", // transaction_cancelled
        "2004, MISUSE", // key_outside_legal_range
        "2005, MISUSE", // inverted_range
        "2017, MISUSE", // used_during_commit
    })
    void codesAreClassified(int code, FdbErrors.Kind kind) {
        assertEquals(kind, FdbErrors.kind(code));
    }

    @ParameterizedTest
    @CsvSource({"2101, TRANSACTION_SIZE", "2102, KEY_SIZE", "2103, VALUE_SIZE"})
    void limitCodesNameTheirLimit(int code, Limit limit) {
        assertEquals(limit, FdbErrors.limit(code));
    }

    @Test
    void aConflictInsideAFunctionIsAConflictException() {
        RuntimeException e = FdbErrors.translate(new CompletionException(fdb(1020)), null);
        RetryableFdbException retry = assertInstanceOf(RetryableFdbException.class, e);
        assertInstanceOf(ConflictException.class, retry);
        assertEquals(1020, retry.fdbCause().getCode());
    }

    @Test
    void aTooOldTransactionIsRetried() {
        assertInstanceOf(RetryableFdbException.class, FdbErrors.translate(fdb(1007), null));
    }

    @Test
    void aTimeoutIsATemporaryFailureThatIsNotRetried() {
        RuntimeException e = FdbErrors.translate(fdb(1031), null);
        assertInstanceOf(TemporaryFailureException.class, e);
        assertFalse(e instanceof ConflictException);
        assertTrue(e.getMessage().contains("transaction.timeout"), e.getMessage());
    }

    @Test
    void sizeErrorsAtCommitAreStoreLimitExceptions() {
        WriteBudget budget = new WriteBudget(8);
        budget.set(new byte[100], new byte[2000]);
        StoreLimitException key = assertInstanceOf(StoreLimitException.class, FdbErrors.terminal(fdb(2102), budget));
        assertEquals(Limit.KEY_SIZE, key.limit());
        assertEquals(108, key.size());
        StoreLimitException value = assertInstanceOf(StoreLimitException.class,
                FdbErrors.terminal(fdb(2103), budget));
        assertEquals(Limit.VALUE_SIZE, value.limit());
        assertEquals(2000, value.size());
        StoreLimitException size = assertInstanceOf(StoreLimitException.class,
                FdbErrors.terminal(fdb(2101), budget));
        assertEquals(Limit.TRANSACTION_SIZE, size.limit());
        assertEquals(2100, size.size());
    }

    @Test
    void invalidCallsAreBugs() {
        assertInstanceOf(IllegalStateException.class, FdbErrors.translate(fdb(2005), null));
        assertInstanceOf(IllegalStateException.class, FdbErrors.terminal(fdb(2102), null));
    }

    @Test
    void anErrorOnErrorRethrowsIsATemporaryFailure() {
        RuntimeException e = FdbErrors.terminal(fdb(1510), null);
        assertInstanceOf(TemporaryFailureException.class, e);
        assertTrue(e.getMessage().contains("1510"), e.getMessage());
    }

    @Test
    void exhaustedRetriesSayWhy() {
        assertTrue(FdbErrors.exhausted(fdb(1020), 10).getMessage().contains("conflicted"));
        assertTrue(FdbErrors.exhausted(fdb(1007), 10).getMessage().contains("5000 ms"));
        assertTrue(FdbErrors.exhausted(fdb(1037), 3).getMessage().contains("after 3 retries"));
    }

    @Test
    void otherExceptionsPassThrough() {
        IllegalArgumentException e = new IllegalArgumentException("x");
        assertSame(e, FdbErrors.translate(new CompletionException(e), null));
        assertSame(e, assertThrows(IllegalArgumentException.class,
                () -> FdbErrors.awaitRaw(CompletableFuture.failedFuture(e))));
        FDBException f = fdb(1020);
        assertSame(f, assertThrows(FDBException.class, () -> FdbErrors.awaitRaw(CompletableFuture.failedFuture(f))));
    }

    static FDBException fdb(int code) {
        return new FDBException("error " + code, code);
    }
}
