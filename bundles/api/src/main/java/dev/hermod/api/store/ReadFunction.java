package dev.hermod.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads done inside one read-only transaction; see {@link KeyValueStore#read(ReadFunction)}.
 *
 * @param <T> the result type
 */
@ConsumerType
@FunctionalInterface
public interface ReadFunction<T> {

    /**
     * Does the reads. May be called more than once; must not keep {@code txn} or its iterators.
     *
     * @param txn the transaction, valid only until this method returns; never {@code null}
     * @return the result handed back by {@link KeyValueStore#read}, may be {@code null}
     */
    T apply(ReadTransaction txn);
}
