package dev.hermod.api.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The pairs of a {@linkplain ReadTransaction#range(byte[], byte[], int, boolean) range read}, fetched lazily.
 *
 * <p>{@link #hasNext()} and {@link #next()} may block on the backend and may throw
 * {@link dev.hermod.api.mail.TemporaryFailureException} or {@link ConflictException}. The iterator is
 * valid only inside the transaction's function and is not thread safe. {@link #remove()} is not supported.
 */
@ConsumerType
public interface KeyValueIterator extends Iterator<KeyValue>, AutoCloseable {

    /**
     * @return the next pair, never {@code null}
     * @throws NoSuchElementException if there are no more pairs
     */
    @Override
    KeyValue next();

    /** Releases the iterator's resources; idempotent; never throws. */
    @Override
    void close();

    /**
     * Reads the remaining pairs into a list and closes the iterator. Use only on ranges known to be small,
     * or with a {@code limit}.
     *
     * @return the remaining pairs in order, a new modifiable list
     */
    default List<KeyValue> toList() {
        try (KeyValueIterator self = this) {
            List<KeyValue> list = new ArrayList<>();
            self.forEachRemaining(list::add);
            return list;
        }
    }
}
