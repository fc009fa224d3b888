package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MessageEntry;
import java.time.Instant;
import java.util.Set;

/**
 * One message in one mailbox, under {@code 10 account 04 mailbox uid}: everything an IMAP SELECT lists, so
 * that listing a mailbox is one range read. Format 1: version, message id, MODSEQ, size, zigzag
 * received-at (ms), keywords.
 */
record UidEntry(long uid, long message, long modSeq, long size, long receivedAt, Set<String> keywords) {

    private static final int VERSION = 1;

    UidEntry {
        keywords = Set.copyOf(keywords);
    }

    static UidEntry of(long uid, MessageRecord message) {
        return new UidEntry(uid, message.id(), message.modSeq(), message.size(), message.receivedAt(),
                message.keywords());
    }

    boolean seen() {
        return keywords.contains(Keywords.SEEN);
    }

    UidEntry withKeywords(Set<String> newKeywords, long newModSeq) {
        return new UidEntry(uid, message, newModSeq, size, receivedAt, newKeywords);
    }

    MessageEntry toEntry() {
        return new MessageEntry(uid, MessageId.of(message), keywords, modSeq, size, Instant.ofEpochMilli(receivedAt));
    }

    byte[] encode() {
        return new ByteWriter(40 + keywords.size() * 4).u8(VERSION).varint(message).varint(modSeq).varint(size)
                .zigzag(receivedAt).keywords(keywords).toByteArray();
    }

    static UidEntry decode(long uid, byte[] value) {
        ByteReader in = new ByteReader(value).version(VERSION, "UID entry");
        return new UidEntry(uid, in.varint(), in.varint(), in.varint(), in.zigzag(), in.keywords());
    }
}
