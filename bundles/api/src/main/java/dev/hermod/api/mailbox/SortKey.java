package dev.hermod.api.mailbox;

import java.util.Locale;
import java.util.Objects;

/**
 * One key of a sort order for {@link MailAccount#search} (IMAP SORT, RFC 5256 and RFC 5957) and
 * {@link MailAccount#query} (JMAP {@code Email/query} comparators, RFC 8621 §4.4.2). Messages are ordered
 * by the first key, ties by the next, and remaining ties by ascending UID (IMAP) or ascending message id
 * (JMAP; ids ascend in the order messages were added); {@link #reverse} turns one key's order around,
 * not the tie-break.
 *
 * <p>Strings compare after Unicode NFKC normalization and lower-casing (a superset of RFC 5256's
 * {@code i;ascii-casemap}); a missing value is the empty string and sorts first. Strings longer than 100
 * characters compare on their first 100.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>IMAP SORT</th><th>JMAP property</th><th>value</th></tr>
 *   <tr><td>ARRIVAL</td><td>ARRIVAL</td><td>receivedAt</td><td>internal date</td></tr>
 *   <tr><td>DATE</td><td>DATE</td><td>sentAt</td><td>Date header field in UTC; the internal date when
 *       it is missing or unreadable</td></tr>
 *   <tr><td>SIZE</td><td>SIZE</td><td>size</td><td>size in octets</td></tr>
 *   <tr><td>FROM, TO, CC</td><td>FROM, TO, CC</td><td></td><td>local part of the first address</td></tr>
 *   <tr><td>DISPLAY_FROM, DISPLAY_TO</td><td>DISPLAYFROM, DISPLAYTO (RFC 5957)</td><td>from, to</td>
 *       <td>display name of the first address, else its {@code local@domain}</td></tr>
 *   <tr><td>SUBJECT</td><td>SUBJECT</td><td>subject</td><td>base subject (RFC 5256 §2.1)</td></tr>
 *   <tr><td>HAS_KEYWORD</td><td></td><td>hasKeyword</td><td>without the keyword before with it</td></tr>
 *   <tr><td>ALL_IN_THREAD_HAVE_KEYWORD, SOME_IN_THREAD_HAVE_KEYWORD</td><td></td>
 *       <td>allInThreadHaveKeyword, someInThreadHaveKeyword</td><td>as HAS_KEYWORD, over the thread</td></tr>
 * </table>
 * JMAP's {@code isAscending: false} is {@code reverse}; IMAP's REVERSE likewise.
 *
 * @param property what to compare
 * @param reverse whether descending
 * @param keyword the keyword, lower-case, for the keyword properties; {@code null} for the others
 */
public record SortKey(Property property, boolean reverse, String keyword) {

    /** What a {@link SortKey} compares. */
    public enum Property {
        /** Internal date. */
        ARRIVAL,
        /** Sent date, falling back to the internal date. */
        DATE,
        /** Size in octets. */
        SIZE,
        /** Local part of the first From address. */
        FROM,
        /** Local part of the first To address. */
        TO,
        /** Local part of the first Cc address. */
        CC,
        /** Base subject. */
        SUBJECT,
        /** Display name, else address, of the first From address. */
        DISPLAY_FROM,
        /** Display name, else address, of the first To address. */
        DISPLAY_TO,
        /** Whether the message has {@link SortKey#keyword}. */
        HAS_KEYWORD,
        /** Whether every message of its thread has {@link SortKey#keyword}. */
        ALL_IN_THREAD_HAVE_KEYWORD,
        /** Whether some message of its thread has {@link SortKey#keyword}. */
        SOME_IN_THREAD_HAVE_KEYWORD;

        /** @return whether the property needs a keyword */
        public boolean needsKeyword() {
            return this == HAS_KEYWORD || this == ALL_IN_THREAD_HAVE_KEYWORD || this == SOME_IN_THREAD_HAVE_KEYWORD;
        }
    }

    /**
     * Checks the key.
     *
     * @param property not {@code null}
     * @param reverse whether descending
     * @param keyword required (and lower-cased) exactly for the keyword properties
     * @throws IllegalArgumentException when a keyword is missing or not wanted
     */
    public SortKey {
        Objects.requireNonNull(property, "property");
        if (property.needsKeyword() != (keyword != null)) {
            throw new IllegalArgumentException(property + (keyword == null ? " needs a keyword" : " takes no keyword"));
        }
        keyword = keyword == null ? null : keyword.toLowerCase(Locale.ROOT);
    }

    /**
     * @param property a property without keyword
     * @return the ascending key
     */
    public static SortKey of(Property property) {
        return new SortKey(property, false, null);
    }

    /**
     * @param property a property without keyword
     * @return the descending key
     */
    public static SortKey reversed(Property property) {
        return new SortKey(property, true, null);
    }

    /**
     * @param property a keyword property
     * @param keyword the keyword
     * @param reverse whether descending
     * @return the key
     */
    public static SortKey keyword(Property property, String keyword, boolean reverse) {
        return new SortKey(property, reverse, keyword);
    }
}
