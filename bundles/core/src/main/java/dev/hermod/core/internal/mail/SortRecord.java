package dev.hermod.core.internal.mail;

import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageSummary;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What SORT and the criteria that are not in the UID entry need of a message, under
 * {@code 10 account 0D mailbox uid} beside its UID entry, so that sorting or filtering a mailbox reads one
 * contiguous range and no summary. Derived from the summary (and the thread), so every membership of a
 * message holds the same record. Strings are {@link Tokens#normalize normalized} and kept to
 * {@value #MAX_STRING} characters.
 *
 * <p>Format 1: version, flags (1 has a Date, 2 has an attachment), thread, zigzag sent (seconds since
 * the epoch) and zigzag UTC offset (seconds) when there is a Date, then the strings from, to, cc,
 * display from, display to, base subject.
 *
 * @param thread the message's thread
 * @param sent the Date header field's instant in seconds, or {@link Long#MIN_VALUE} when absent or
 *        unreadable
 * @param offset the Date field's UTC offset in seconds
 * @param hasAttachment JMAP {@code hasAttachment}
 * @param from RFC 5256 FROM: the local part of the first From address
 * @param to RFC 5256 TO
 * @param cc RFC 5256 CC
 * @param displayFrom RFC 5957 DISPLAYFROM: the first From address's display name, else its address
 * @param displayTo RFC 5957 DISPLAYTO
 * @param subject the base subject (RFC 5256 §2.1)
 */
record SortRecord(long thread, long sent, int offset, boolean hasAttachment, String from, String to, String cc,
        String displayFrom, String displayTo, String subject) {

    static final int MAX_STRING = 100;
    static final long NO_DATE = Long.MIN_VALUE;
    private static final int VERSION = 1;

    static SortRecord of(MessageSummary summary, long thread) {
        var e = summary.envelope();
        OffsetDateTime date = e.date();
        return new SortRecord(thread, date == null ? NO_DATE : date.toEpochSecond(),
                date == null ? 0 : date.getOffset().getTotalSeconds(), summary.hasAttachment(), mailbox(e.from()),
                mailbox(e.to()), mailbox(e.cc()), display(e.from()), display(e.to()), text(summary.baseSubject()));
    }

    /** The sent instant in milliseconds, or the received one when there is no Date (RFC 5256 §3 DATE). */
    long sentMillis(long receivedAt) {
        return sent == NO_DATE ? receivedAt : sent * 1000;
    }

    /** The Date field's day in its own zone, as days since the epoch; the received day in UTC without one. */
    long sentDay(long receivedAt) {
        return sent == NO_DATE ? Math.floorDiv(receivedAt, 86_400_000L) : Math.floorDiv(sent + offset, 86_400L);
    }

    private static MailAddress first(List<MailAddress> list) {
        if (list != null) {
            for (MailAddress a : list) {
                if (!a.isGroupMarker()) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String mailbox(List<MailAddress> list) {
        MailAddress a = first(list);
        return a == null ? "" : text(a.localPart());
    }

    private static String display(List<MailAddress> list) {
        MailAddress a = first(list);
        if (a == null) {
            return "";
        }
        return text(a.name() != null && !a.name().isBlank() ? a.name().strip() : a.address());
    }

    private static String text(String s) {
        if (s == null) {
            return "";
        }
        String n = Tokens.normalize(s);
        if (n.length() <= MAX_STRING) {
            return n;
        }
        return n.substring(0, Character.isHighSurrogate(n.charAt(MAX_STRING - 1)) ? MAX_STRING - 1 : MAX_STRING);
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter(64).u8(VERSION).u8((sent != NO_DATE ? 1 : 0) | (hasAttachment ? 2 : 0))
                .varint(thread);
        if (sent != NO_DATE) {
            out.zigzag(sent).zigzag(offset);
        }
        return out.string(from).string(to).string(cc).string(displayFrom).string(displayTo).string(subject)
                .toByteArray();
    }

    static SortRecord decode(byte[] value) {
        ByteReader in = new ByteReader(value).version(VERSION, "sort");
        int flags = in.u8();
        long thread = in.varint();
        long sent = NO_DATE;
        int offset = 0;
        if ((flags & 1) != 0) {
            sent = in.zigzag();
            offset = (int) in.zigzag();
        }
        return new SortRecord(thread, sent, offset, (flags & 2) != 0, in.string(), in.string(), in.string(),
                in.string(), in.string(), in.string());
    }
}
