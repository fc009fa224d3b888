/**
 * Building blocks for {@link dev.hermod.api.store.KeyValueStore} providers: the parts of the store
 * contract that do not depend on the backend, written once so that every provider behaves the same.
 * The SQLite and PostgreSQL providers are built on it; a third party writing another provider may use it
 * too. It is a library, not an SPI: nothing here is a service, and the types are final classes.
 *
 * <p>How a provider puts them together, for each {@code read} or {@code write} call:
 * <pre>{@code
 * private static final NestingGuard NESTING = new NestingGuard();   // one per provider
 * private final Gate gate = new Gate(name);                          // one per store
 *
 * public <T> T write(WriteFunction<T> function) {
 *     NESTING.checkNotNested();
 *     return RetryLoop.run(name, attempt -> gate.call(() -> {
 *         TransactionState state = new TransactionState(true, maxMillis);
 *         MyTransaction txn = new MyTransaction(connection, state);    // calls state.beforeSet(..) etc.
 *         try {
 *             T result = NESTING.run(() -> function.apply(txn));
 *             state.checkCommit();
 *             commit();
 *             return result;
 *         } finally {
 *             state.close();                                           // roll back if not committed
 *         }
 *     }));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.hermod.store.support.RetryLoop} runs attempts until one does not end in a
 *       {@link dev.hermod.api.store.ConflictException}, within
 *       {@link dev.hermod.api.store.StoreLimits#MAX_RETRIES} and a time budget, with randomized
 *       exponential back-off.</li>
 *   <li>{@link dev.hermod.store.support.Gate} counts the attempts in flight so that closing a store refuses
 *       new ones and waits, for a bounded time, for those running.</li>
 *   <li>{@link dev.hermod.store.support.NestingGuard} rejects a {@code read} or {@code write} called from
 *       inside a transaction function of the same provider.</li>
 *   <li>{@link dev.hermod.store.support.TransactionState} validates each operation of one transaction
 *       attempt (arguments, {@linkplain dev.hermod.api.store.StoreLimits limits}, owner thread, time
 *       limit, read-only) and remembers a failure that forbids the commit.</li>
 *   <li>{@link dev.hermod.store.support.BatchedRangeIterator} reads a range lazily in batches, each batch
 *       one query that continues after the last key returned.</li>
 * </ul>
 *
 * <p>Errors follow the API: a backend that is unavailable, a store that is closed or retries that ran
 * out are a {@link dev.hermod.api.mail.TemporaryFailureException}; misuse by the caller is an
 * {@link IllegalStateException} or {@link IllegalArgumentException}; an exceeded limit is a
 * {@link dev.hermod.api.store.StoreLimitException}.
 */
@Export
@Version("1.0.0")
package dev.hermod.store.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
