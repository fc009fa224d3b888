package dev.hermod.store.foundationdb.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** The lifetime of one attempt of a transaction function: its transaction and iterators die with it. */
final class Scope {

    private final Set<FdbRangeIterator> iterators = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean open = true;

    /** @throws IllegalStateException if the function has returned */
    void check() {
        if (!open) {
            throw new IllegalStateException("the transaction is over: a transaction and its iterators may be used"
                    + " only inside the function passed to read or write");
        }
    }

    void track(FdbRangeIterator iterator) {
        iterators.add(iterator);
    }

    void untrack(FdbRangeIterator iterator) {
        iterators.remove(iterator);
    }

    /** Ends the scope and closes its iterators; idempotent. */
    void close() {
        if (open) {
            open = false;
            new ArrayList<>(iterators).forEach(FdbRangeIterator::close);
        }
    }
}
