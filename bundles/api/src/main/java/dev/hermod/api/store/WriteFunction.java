package dev.hermod.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads and writes done inside one read-write transaction; see {@link KeyValueStore#write(WriteFunction)}.
 *
 * @param <T> the result type
 */
@ConsumerType
@FunctionalInterface
public interface WriteFunction<T> {

    /**
     * Does the work. May be called more than once, each time on a fresh transaction, so it must be
     * idempotent and free of side effects outside {@code txn}; must not keep {@code txn} or its iterators.
     *
     * @param txn the transaction, valid only until this method returns; never {@code null}
     * @return the result handed back by {@link KeyValueStore#write} if this attempt commits, may be
     *         {@code null}
     * @throws ConflictException to abandon this attempt and have the store retry the function
     */
    T apply(Transaction txn);
}
