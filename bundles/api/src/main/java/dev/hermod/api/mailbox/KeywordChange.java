package dev.hermod.api.mailbox;

import java.util.Objects;
import java.util.Set;

/**
 * A change of keywords on messages (IMAP STORE, JMAP Email/set keywords).
 *
 * @param operation how the keywords apply
 * @param keywords the keywords, lower-case and {@link Keywords#isValid valid}
 * @param unchangedSince apply only to messages whose MODSEQ is at most this (RFC 7162 UNCHANGEDSINCE),
 *        or {@code -1} for no condition
 */
public record KeywordChange(Operation operation, Set<String> keywords, long unchangedSince) {

    /** How keywords apply. */
    public enum Operation {
        /** Add these keywords (IMAP {@code +FLAGS}). */
        ADD,
        /** Remove these keywords (IMAP {@code -FLAGS}). */
        REMOVE,
        /** Replace all keywords with these (IMAP {@code FLAGS}). */
        REPLACE
    }

    public KeywordChange {
        Objects.requireNonNull(operation, "operation");
        keywords = Set.copyOf(keywords);
        for (String keyword : keywords) {
            if (!Keywords.isValid(keyword) || !keyword.equals(keyword.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("Invalid keyword: " + keyword);
            }
        }
    }
}
