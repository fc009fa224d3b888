package dev.hermod.api.store;

import dev.hermod.api.mail.TemporaryFailureException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An ordered, transactional key-value store: the metadata store under Hermod's mail store.
 *
 * <h2>Transactions</h2>
 * All access happens in a function the caller passes in; the provider opens a transaction, runs the
 * function, commits, and returns the function's result:
 * <pre>{@code
 * long next = store.write(txn -> {
 *     txn.add(counterKey, 1);
 *     return Keys.decodeLongLittleEndian(txn.get(counterKey));
 * });
 * }</pre>
 * <ul>
 *   <li>{@link #read} transactions see one consistent snapshot and never conflict.</li>
 *   <li>{@link #write} transactions are <em>serializable</em>: if another transaction committed a change
 *       to a key or range this one read (other than through {@link Transaction#snapshot()}), the commit
 *       fails and the provider runs the function again on a fresh transaction. A write transaction sees
 *       its own writes.</li>
 *   <li>The function may also be run again after an attempt whose commit outcome is unknown (a lost
 *       connection during commit), in which case the earlier attempt may have committed. Functions must
 *       therefore be <b>idempotent and free of side effects outside the transaction</b>: no sending mail,
 *       no writing blobs, no incrementing in-memory counters. Guard non-idempotent writes with a read
 *       (e.g. a marker key), or use {@link Transaction#add} only where counting twice is harmless.</li>
 *   <li>A function may throw {@link ConflictException} itself to ask for a retry.</li>
 *   <li>Any other exception thrown by the function aborts the transaction — nothing is written — and
 *       propagates unchanged to the caller, without retry.</li>
 * </ul>
 * A provider retries a conflicting transaction up to {@link StoreLimits#MAX_RETRIES} times, with a
 * randomized, growing back-off, and then throws {@link TemporaryFailureException}.
 *
 * <p>The transaction object must not escape the function: using it, or an iterator it returned, after the
 * function has returned throws {@link IllegalStateException}. The function's result must not refer to
 * them either. Functions must not call {@code read} or {@code write} of any store (transactions do not
 * nest); a provider may detect it and throw {@link IllegalStateException}.
 *
 * <h2>Limits</h2>
 * Every provider enforces {@link StoreLimits} and throws {@link StoreLimitException} when a key, value or
 * transaction exceeds them, even if its backend could take more: the data must move between providers.
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #NAME} (String, required) — the provider instance's name, e.g. {@code sqlite} or
 *       {@code main-fdb}; the admin picks one with a target filter such as
 *       {@code store.target = (name=main-fdb)};</li>
 *   <li>{@code service.ranking} — which store the core binds when no target is set.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Implementations are thread safe; many transactions run concurrently on different threads. A transaction
 * is used only by the thread running its function. Both methods block (I/O); callers must not invoke them
 * on a network event loop.
 */
@ConsumerType
public interface KeyValueStore {

    /** Service property naming this store, for target filters such as {@code (name=main-fdb)}. */
    String NAME = "name";

    /**
     * Runs a function in a read-only transaction over a consistent snapshot.
     *
     * @param <T>      the function's result type
     * @param function the reads to do, not {@code null}; may be run more than once
     * @return the function's result, may be {@code null} if the function returns {@code null}
     * @throws TemporaryFailureException if the backend is unavailable, or retries were exhausted (e.g. the
     *                                   function kept exceeding {@link StoreLimits#MAX_TRANSACTION_MILLIS})
     * @throws StoreLimitException       if a key passed to the transaction is over the limit
     * @throws RuntimeException          whatever the function threw, unchanged
     */
    <T> T read(ReadFunction<T> function);

    /**
     * Runs a function in a read-write transaction and commits it, retrying on conflict. When this method
     * returns normally the transaction is durably committed.
     *
     * @param <T>      the function's result type
     * @param function the reads and writes to do, not {@code null}; may be run more than once, so it must be
     *                 idempotent and free of outside side effects
     * @return the result of the attempt that committed, may be {@code null}
     * @throws TemporaryFailureException if the backend is unavailable, or the transaction still conflicted
     *                                   after {@link StoreLimits#MAX_RETRIES} retries; nothing of the last
     *                                   attempt is committed, though an earlier attempt whose commit outcome
     *                                   was unknown may have been
     * @throws StoreLimitException       if a key, value or the transaction exceeds {@link StoreLimits};
     *                                   nothing is committed and it is not retried
     * @throws RuntimeException          whatever the function threw, unchanged; nothing is committed
     */
    <T> T write(WriteFunction<T> function);
}
