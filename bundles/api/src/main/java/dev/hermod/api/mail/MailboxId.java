package dev.hermod.api.mail;

import java.util.Objects;

/**
 * A mailbox's id, unique within its account and never reused.
 *
 * <p>Used as the JMAP {@code Mailbox} id and IMAP {@code MAILBOXID} (RFC 8474), written {@code m} followed
 * by the value in base 36. Ids are allocated from the store's atomic counters, so they are dense and
 * increase with time; in keys they are written big-endian ({@code dev.hermod.api.store.Keys#encodeLong}) so
 * that they sort numerically.
 *
 * @param value the id, zero or positive
 */
public record MailboxId(long value) implements Comparable<MailboxId> {

    private static final char PREFIX = 'm';

    /**
     * @param value the id, zero or positive
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public MailboxId {
        if (value < 0) {
            throw new IllegalArgumentException("MailboxId must not be negative: " + value);
        }
    }

    /**
     * @param value the id, zero or positive
     * @return the id, never {@code null}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static MailboxId of(long value) {
        return new MailboxId(value);
    }

    /**
     * Parses the form written by {@link #toString()}: {@code m} and the value in lower-case base 36
     * without leading zeros.
     *
     * @param text the id as found in a JMAP request or IMAP command, not {@code null}
     * @return the id, never {@code null}
     * @throws NullPointerException     if {@code text} is {@code null}
     * @throws IllegalArgumentException if the text is not an id of this kind; protocols answer "not found"
     */
    public static MailboxId parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() >= 2 && text.length() <= 14 && text.charAt(0) == PREFIX) {
            try {
                MailboxId id = new MailboxId(Long.parseLong(text.substring(1), 36));
                if (id.toString().equals(text)) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("not a MailboxId: " + text);
    }

    @Override
    public int compareTo(MailboxId other) {
        return Long.compare(value, other.value);
    }

    /** @return the id as protocols show it, e.g. {@code m1z} for 71 */
    @Override
    public String toString() {
        return PREFIX + Long.toString(value, 36);
    }
}
