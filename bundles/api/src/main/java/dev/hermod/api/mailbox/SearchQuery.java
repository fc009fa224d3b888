package dev.hermod.api.mailbox;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A search criterion over an account's messages, for {@link MailAccount#search} (IMAP SEARCH and SORT) and
 * {@link MailAccount#query} (JMAP {@code Email/query}). Criteria are immutable records combined with
 * {@link And}, {@link Or} and {@link Not}; a protocol translates its own syntax into them.
 *
 * <h2>IMAP SEARCH keys (RFC 9051 §6.4.4 and extensions)</h2>
 * <table>
 *   <caption>IMAP</caption>
 *   <tr><th>IMAP</th><th>criterion</th></tr>
 *   <tr><td>ALL</td><td>{@link All}</td></tr>
 *   <tr><td>ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, KEYWORD k</td><td>{@link HasKeyword} with
 *       {@link Keywords#fromImap}; UN... and UNKEYWORD are its {@link Not}</td></tr>
 *   <tr><td>NEW, OLD, RECENT</td><td>{@code \Recent} is session state the store does not keep: the IMAP
 *       layer answers RECENT from its session (NEW = RECENT UNSEEN, OLD = NOT RECENT), or
 *       IMAP4rev2-style as never matching</td></tr>
 *   <tr><td>BCC, CC, FROM, TO, SUBJECT, BODY, TEXT s</td><td>{@link Contains}</td></tr>
 *   <tr><td>HEADER name s</td><td>{@link Header}</td></tr>
 *   <tr><td>BEFORE, ON, SINCE d</td><td>{@link ReceivedBefore}, {@link #on}, {@link ReceivedSince} with the
 *       day's start in the zone the IMAP layer uses for INTERNALDATE</td></tr>
 *   <tr><td>SENTBEFORE, SENTON, SENTSINCE d</td><td>{@link SentBefore}, {@link #sentOn}, {@link SentSince}</td></tr>
 *   <tr><td>LARGER n, SMALLER n</td><td>{@link Larger}, {@link Smaller}</td></tr>
 *   <tr><td>UID set; a sequence set</td><td>{@link Uids}; the IMAP layer maps sequence numbers (and
 *       {@code *}) to UIDs from its session's view</td></tr>
 *   <tr><td>NOT, OR, (a b ...)</td><td>{@link Not}, {@link Or}, {@link And}</td></tr>
 *   <tr><td>MODSEQ n (RFC 7162)</td><td>{@link ModSeq}; the optional entry name and type are ignored, as
 *       the store keeps one MODSEQ per message</td></tr>
 *   <tr><td>OLDER n, YOUNGER n (RFC 5032)</td><td>{@link #older}, {@link #younger}</td></tr>
 *   <tr><td>EMAILID, THREADID (RFC 8474)</td><td>{@link EmailId}, {@link InThread}</td></tr>
 * </table>
 *
 * <h2>JMAP FilterCondition (RFC 8621 §4.4.1)</h2>
 * {@code inMailbox} → {@link InMailbox}; {@code inMailboxOtherThan} → {@link InMailboxOtherThan};
 * {@code before} → {@link ReceivedBefore}; {@code after} → {@link ReceivedSince}; {@code minSize m} →
 * {@link Larger}{@code (m - 1)}; {@code maxSize m} → {@link Smaller}{@code (m)}; {@code hasKeyword} →
 * {@link HasKeyword}; {@code notKeyword} → {@link Not} of it; {@code allInThreadHaveKeyword},
 * {@code someInThreadHaveKeyword}, {@code noneInThreadHaveKeyword} → {@link ThreadKeyword};
 * {@code hasAttachment} → {@link HasAttachment} (or its {@link Not}); {@code text}, {@code from},
 * {@code to}, {@code cc}, {@code bcc}, {@code subject}, {@code body} → {@link Contains}; {@code header} →
 * {@link Header}. A FilterOperator maps to {@link And}, {@link Or}, or {@link Not} of an {@link Or}
 * ({@code NOT} in JMAP means none of the conditions).
 *
 * <h2>Text matching</h2>
 * Text is compared case-insensitively after Unicode NFKC normalization, on decoded text (RFC 2047 words in
 * header fields, transfer encodings and charsets in bodies). IMAP asks for substring matching, and the
 * store answers from indexes, never from the raw messages:
 * <ul>
 *   <li><b>Subject, From, To, Cc, Bcc</b> ({@link Contains} with those fields) match <em>exactly</em> as
 *       substrings of the decoded field ({@code Display Name <local@domain>} for each address): "ell"
 *       finds "Hello", "example.org" finds "bob@example.org".</li>
 *   <li><b>Body</b> matches by words: the text is split into words (runs of letters, digits and marks;
 *       in Chinese and Japanese script every pair of adjacent characters) and a message matches when, for
 *       every word of the query, its text has a word that <em>starts</em> with it. Whole words and word
 *       beginnings are found ("comput" finds "computer"); a string that starts inside a word ("puter")
 *       or spans punctuation as one piece is not; a query without any word (punctuation only) matches
 *       every message. Only the text parts are searched (every text part of a multipart and of an attached
 *       message, the first of an alternative), up to the {@code mailstore} configuration's
 *       {@code index.max.text} characters per message.</li>
 *   <li><b>TEXT</b> is Subject, From, To, Cc, Bcc or Body, as above.</li>
 *   <li><b>{@link Header}</b> matches the unfolded raw value of every field of that name in the top-level
 *       header, and for Subject and the address fields also their decoded form.</li>
 * </ul>
 */
public sealed interface SearchQuery {

    /** Every message (IMAP ALL; an empty JMAP filter). */
    record All() implements SearchQuery {
    }

    /**
     * Messages matching every criterion.
     *
     * @param all the criteria; an empty list matches every message
     */
    record And(List<SearchQuery> all) implements SearchQuery {
        /** @param all the criteria, copied; not {@code null} */
        public And {
            all = List.copyOf(all);
        }
    }

    /**
     * Messages matching at least one criterion.
     *
     * @param any the criteria; an empty list matches no message
     */
    record Or(List<SearchQuery> any) implements SearchQuery {
        /** @param any the criteria, copied; not {@code null} */
        public Or {
            any = List.copyOf(any);
        }
    }

    /**
     * Messages not matching a criterion.
     *
     * @param query the criterion
     */
    record Not(SearchQuery query) implements SearchQuery {
        /** @param query the criterion, not {@code null} */
        public Not {
            Objects.requireNonNull(query, "query");
        }
    }

    /**
     * Messages with a keyword (IMAP flags as their {@link Keywords} names).
     *
     * @param keyword the keyword, compared lower-case
     */
    record HasKeyword(String keyword) implements SearchQuery {
        /** @param keyword the keyword, not {@code null}; lower-cased */
        public HasKeyword {
            keyword = keyword.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Messages whose thread's messages have a keyword: all of them, at least one, or none (JMAP
     * {@code allInThreadHaveKeyword}, {@code someInThreadHaveKeyword}, {@code noneInThreadHaveKeyword}).
     * The thread is counted across the whole account.
     *
     * @param keyword the keyword, compared lower-case
     * @param quantifier how many of the thread's messages must have it
     */
    record ThreadKeyword(String keyword, Quantifier quantifier) implements SearchQuery {
        /** How many of a thread's messages. */
        public enum Quantifier {
            /** Every one. */
            ALL,
            /** At least one. */
            SOME,
            /** None. */
            NONE
        }

        /**
         * @param keyword the keyword, not {@code null}; lower-cased
         * @param quantifier not {@code null}
         */
        public ThreadKeyword {
            keyword = keyword.toLowerCase(Locale.ROOT);
            Objects.requireNonNull(quantifier, "quantifier");
        }
    }

    /**
     * Messages whose field contains a text, as the interface description says.
     *
     * @param field where to look
     * @param text what to look for; an empty text matches every message
     */
    record Contains(Field field, String text) implements SearchQuery {
        /** Where {@link Contains} looks. */
        public enum Field {
            /** The From addresses. */
            FROM,
            /** The To addresses. */
            TO,
            /** The Cc addresses. */
            CC,
            /** The Bcc addresses (present in sent messages and drafts). */
            BCC,
            /** The decoded Subject. */
            SUBJECT,
            /** The text parts. */
            BODY,
            /** Any of the above. */
            TEXT
        }

        /**
         * @param field not {@code null}
         * @param text not {@code null}
         */
        public Contains {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Messages with a top-level header field of a name whose value contains a text (IMAP HEADER, JMAP
     * {@code header}). With an empty value, messages that have the field at all.
     *
     * @param name the field name, any case
     * @param value the text, or {@code ""} for the field's presence
     */
    record Header(String name, String value) implements SearchQuery {
        /**
         * @param name not {@code null} or empty
         * @param value {@code null} is taken as {@code ""}
         */
        public Header {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a header field name is required");
            }
            value = value == null ? "" : value;
        }
    }

    /**
     * Messages received (internal date, JMAP {@code receivedAt}) strictly before an instant.
     *
     * @param instant the bound, excluded
     */
    record ReceivedBefore(Instant instant) implements SearchQuery {
        /** @param instant not {@code null} */
        public ReceivedBefore {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /**
     * Messages received at or after an instant.
     *
     * @param instant the bound, included
     */
    record ReceivedSince(Instant instant) implements SearchQuery {
        /** @param instant not {@code null} */
        public ReceivedSince {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /**
     * Messages whose Date header field, taken as a date in its own time zone (RFC 9051: "disregarding
     * time and timezone"), is before a date. A message without a readable Date field counts with its
     * internal date in UTC, as RFC 5256 SORT does.
     *
     * @param date the bound, excluded
     */
    record SentBefore(LocalDate date) implements SearchQuery {
        /** @param date not {@code null} */
        public SentBefore {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * Messages whose Date header field's date is on or after a date; see {@link SentBefore}.
     *
     * @param date the bound, included
     */
    record SentSince(LocalDate date) implements SearchQuery {
        /** @param date not {@code null} */
        public SentSince {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * Messages larger than a size in octets (IMAP LARGER).
     *
     * @param size the bound, excluded
     */
    record Larger(long size) implements SearchQuery {
    }

    /**
     * Messages smaller than a size in octets (IMAP SMALLER, JMAP {@code maxSize}).
     *
     * @param size the bound, excluded
     */
    record Smaller(long size) implements SearchQuery {
    }

    /**
     * Messages with one of some UIDs in the mailbox searched; only for {@link MailAccount#search}.
     *
     * @param ranges the UID ranges
     */
    record Uids(List<UidRange> ranges) implements SearchQuery {
        /**
         * UIDs {@code first} to {@code last}, both included.
         *
         * @param first the first UID, at least 1
         * @param last the last UID, at least {@code first}; the IMAP layer resolves {@code *}
         */
        public record UidRange(long first, long last) {
            /**
             * @param first at least 1
             * @param last at least {@code first}
             */
            public UidRange {
                if (first < 1 || last < first) {
                    throw new IllegalArgumentException("bad UID range " + first + ":" + last);
                }
            }
        }

        /** @param ranges copied; not {@code null} */
        public Uids {
            ranges = List.copyOf(ranges);
        }

        /**
         * UIDs given one by one.
         *
         * @param uids the UIDs
         * @return the criterion
         */
        public static Uids of(long... uids) {
            return new Uids(java.util.Arrays.stream(uids).mapToObj(u -> new UidRange(u, u)).toList());
        }
    }

    /**
     * Messages whose MODSEQ is at least a value (RFC 7162 §3.1.5).
     *
     * @param modSeq the bound, included
     */
    record ModSeq(long modSeq) implements SearchQuery {
    }

    /**
     * The message with an id (RFC 8474 EMAILID).
     *
     * @param id the message id
     */
    record EmailId(MessageId id) implements SearchQuery {
        /** @param id not {@code null} */
        public EmailId {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The messages of a thread (RFC 8474 THREADID).
     *
     * @param thread the thread id
     */
    record InThread(ThreadId thread) implements SearchQuery {
        /** @param thread not {@code null} */
        public InThread {
            Objects.requireNonNull(thread, "thread");
        }
    }

    /**
     * Messages in a mailbox (JMAP {@code inMailbox}).
     *
     * @param mailbox the mailbox
     */
    record InMailbox(MailboxId mailbox) implements SearchQuery {
        /** @param mailbox not {@code null} */
        public InMailbox {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * Messages in at least one mailbox not in a set (JMAP {@code inMailboxOtherThan}).
     *
     * @param mailboxes the set
     */
    record InMailboxOtherThan(Set<MailboxId> mailboxes) implements SearchQuery {
        /** @param mailboxes copied; not {@code null} */
        public InMailboxOtherThan {
            mailboxes = Set.copyOf(mailboxes);
        }
    }

    /** Messages with an attachment, as JMAP's {@code hasAttachment} property says. */
    record HasAttachment() implements SearchQuery {
    }

    // --- shorthands ---

    /**
     * @param all the criteria
     * @return {@link And} of them
     */
    static SearchQuery and(SearchQuery... all) {
        return new And(List.of(all));
    }

    /**
     * @param any the criteria
     * @return {@link Or} of them
     */
    static SearchQuery or(SearchQuery... any) {
        return new Or(List.of(any));
    }

    /**
     * @param query a criterion
     * @return {@link Not} of it
     */
    static SearchQuery not(SearchQuery query) {
        return new Not(query);
    }

    /**
     * IMAP ON: received on a day.
     *
     * @param day the day
     * @param zone the zone whose days count (the IMAP layer's choice for INTERNALDATE)
     * @return received at or after the day's start and before the next day's
     */
    static SearchQuery on(LocalDate day, ZoneId zone) {
        return and(new ReceivedSince(day.atStartOfDay(zone).toInstant()),
                new ReceivedBefore(day.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /**
     * IMAP SENTON: the Date field's date is a day.
     *
     * @param day the day
     * @return sent since the day and before the next
     */
    static SearchQuery sentOn(LocalDate day) {
        return and(new SentSince(day), new SentBefore(day.plusDays(1)));
    }

    /**
     * RFC 5032 OLDER: received more than an interval before now.
     *
     * @param interval the interval
     * @param now the present
     * @return received before {@code now - interval}
     */
    static SearchQuery older(Duration interval, Instant now) {
        return new ReceivedBefore(now.minus(interval));
    }

    /**
     * RFC 5032 YOUNGER: received within an interval before now.
     *
     * @param interval the interval
     * @param now the present
     * @return received at or after {@code now - interval}
     */
    static SearchQuery younger(Duration interval, Instant now) {
        return new ReceivedSince(now.minus(interval));
    }
}
