package dev.hermod.api.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One key and its value, as returned by a range read.
 *
 * <p>For speed the arrays are not copied: whoever creates a pair hands its arrays over, and readers must
 * not modify them. {@link #equals(Object)} and {@link #hashCode()} compare contents, and
 * {@link #toString()} shows them with {@link Keys#printable(byte[])}.
 *
 * @param key   the key, never {@code null}
 * @param value the value, never {@code null} (may be empty)
 */
public record KeyValue(byte[] key, byte[] value) {

    /**
     * @param key the key, never {@code null}
     * @param value the value, never {@code null} (may be empty)
     * @throws NullPointerException if either array is {@code null}
     */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue other && Arrays.equals(key, other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return Keys.printable(key) + "=" + Keys.printable(value);
    }
}
