package dev.hermod.api.store;

import dev.hermod.api.mail.PermanentFailureException;
import java.util.Objects;

/**
 * A key, value or transaction exceeds one of the {@link StoreLimits}. The transaction is not committed and
 * not retried: the same data would fail again. It is a bug in the caller, which must split the data.
 */
public class StoreLimitException extends PermanentFailureException {

    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded. */
    public enum Limit {
        /** {@link StoreLimits#MAX_KEY_SIZE}, in bytes. */
        KEY_SIZE(StoreLimits.MAX_KEY_SIZE, "key", "bytes"),
        /** {@link StoreLimits#MAX_VALUE_SIZE}, in bytes. */
        VALUE_SIZE(StoreLimits.MAX_VALUE_SIZE, "value", "bytes"),
        /** {@link StoreLimits#MAX_TRANSACTION_SIZE}, in bytes. */
        TRANSACTION_SIZE(StoreLimits.MAX_TRANSACTION_SIZE, "transaction", "bytes"),
        /** {@link StoreLimits#MAX_TRANSACTION_MILLIS}, in milliseconds. */
        TRANSACTION_TIME(StoreLimits.MAX_TRANSACTION_MILLIS, "transaction", "ms");

        private final long max;
        private final String what;
        private final String unit;

        Limit(long max, String what, String unit) {
            this.max = max;
            this.what = what;
            this.unit = unit;
        }

        /** @return the limit, in bytes or milliseconds */
        public long max() {
            return max;
        }
    }

    /** The limit exceeded. */
    private final Limit limit;
    /** The size or duration that exceeded it. */
    private final long size;

    /**
     * @param limit the limit exceeded, not {@code null}
     * @param size  the size (bytes) or duration (milliseconds) that exceeded it
     */
    public StoreLimitException(Limit limit, long size) {
        super("the " + Objects.requireNonNull(limit, "limit").what + " is " + size + " " + limit.unit
                + ", over the key-value store's limit of " + limit.max + " " + limit.unit
                + "; the data must be split (this is a bug in the caller, not a configuration problem)");
        this.limit = limit;
        this.size = size;
    }

    /** @return the limit exceeded, never {@code null} */
    public Limit limit() {
        return limit;
    }

    /** @return the size in bytes, or duration in milliseconds, that exceeded the limit */
    public long size() {
        return size;
    }
}
