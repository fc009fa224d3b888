package dev.hermod.api.mail;

import java.util.Objects;

/**
 * An account's internal id: the key prefix of all the account's data in the store.
 *
 * <p>The core allocates it from an atomic counter the first time it meets a principal of the {@link
 * dev.hermod.api.directory.Directory directory} and keeps the mapping from principal name to id in the
 * store. As a JMAP {@code accountId} it is written {@code a} followed by the value in base 36. Ids are
 * allocated from the store's atomic counters, so they are dense and increase with time; in keys they are
 * written big-endian ({@code dev.hermod.api.store.Keys#encodeLong}) so that they sort numerically.
 *
 * @param value the id, zero or positive
 */
public record AccountId(long value) implements Comparable<AccountId> {

    private static final char PREFIX = 'a';

    /**
     * @param value the id, zero or positive
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public AccountId {
        if (value < 0) {
            throw new IllegalArgumentException("AccountId must not be negative: " + value);
        }
    }

    /**
     * @param value the id, zero or positive
     * @return the id, never {@code null}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static AccountId of(long value) {
        return new AccountId(value);
    }

    /**
     * Parses the form written by {@link #toString()}: {@code a} and the value in lower-case base 36
     * without leading zeros.
     *
     * @param text the id as found in a JMAP request or IMAP command, not {@code null}
     * @return the id, never {@code null}
     * @throws NullPointerException     if {@code text} is {@code null}
     * @throws IllegalArgumentException if the text is not an id of this kind; protocols answer "not found"
     */
    public static AccountId parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() >= 2 && text.length() <= 14 && text.charAt(0) == PREFIX) {
            try {
                AccountId id = new AccountId(Long.parseLong(text.substring(1), 36));
                if (id.toString().equals(text)) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("not a AccountId: " + text);
    }

    @Override
    public int compareTo(AccountId other) {
        return Long.compare(value, other.value);
    }

    /** @return the id as protocols show it, e.g. {@code a1z} for 71 */
    @Override
    public String toString() {
        return PREFIX + Long.toString(value, 36);
    }
}
