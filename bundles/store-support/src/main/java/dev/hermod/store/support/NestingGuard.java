package dev.hermod.store.support;

import java.util.function.Supplier;

/**
 * Marks the threads that are running a transaction function, so that a {@code read} or {@code write}
 * called from inside one fails at once instead of deadlocking on the store's connections or locks:
 * transactions do not nest.
 *
 * <p>Its scope is the guard instance. A provider keeps one in a {@code static final} field, so that
 * nesting is refused across all its store instances, and still allowed across providers (a function of
 * one provider's transaction may use another provider's store, as a migration between stores might).
 *
 * <p>Thread safe.
 */
public final class NestingGuard {

    private final ThreadLocal<Boolean> inFunction = new ThreadLocal<>();

    /** Creates a guard that no thread is inside yet. */
    public NestingGuard() {
    }

    /**
     * Checks that the calling thread is not running a function through {@link #run(Supplier)} of this
     * guard; call it first in {@code read} and {@code write}.
     *
     * @throws IllegalStateException if it is ("read/write called inside a transaction function: ...")
     */
    public void checkNotNested() {
        if (inFunction.get() != null) {
            throw new IllegalStateException("read/write called inside a transaction function: transactions do not"
                    + " nest; do all the work in the one function");
        }
    }

    /**
     * Runs the caller's transaction function on the calling thread, marked as inside it until it returns
     * or throws.
     *
     * @param <T>      the result type
     * @param function the caller's function applied to the transaction; not {@code null}
     * @return what {@code function} returned, may be {@code null}
     * @throws RuntimeException whatever {@code function} threw
     */
    public <T> T run(Supplier<T> function) {
        inFunction.set(Boolean.TRUE);
        try {
            return function.get();
        } finally {
            inFunction.remove();
        }
    }
}
