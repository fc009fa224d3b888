package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MessageEntry;
import java.time.Instant;
import java.util.Set;

/**
 * One message in one mailbox, under {@code 10 account 04 mailbox uid}: everything an IMAP SELECT lists, so
 * that listing a mailbox is one range read, and what search filters on first. Format 2: version, message
 * id, MODSEQ, size, zigzag received-at (ms), keywords, content id ({@link FullText}). Format 1, without the
 * content id, is still read (content 0: not indexed).
 */
record UidEntry(long uid, long message, long modSeq, long size, long receivedAt, Set<String> keywords, long content) {

    private static final int VERSION = 2;

    UidEntry {
        keywords = Set.copyOf(keywords);
    }

    static UidEntry of(long uid, MessageRecord message) {
        return new UidEntry(uid, message.id(), message.modSeq(), message.size(), message.receivedAt(),
                message.keywords(), message.content());
    }

    boolean seen() {
        return keywords.contains(Keywords.SEEN);
    }

    UidEntry withKeywords(Set<String> newKeywords, long newModSeq) {
        return new UidEntry(uid, message, newModSeq, size, receivedAt, newKeywords, content);
    }

    MessageEntry toEntry() {
        return new MessageEntry(uid, MessageId.of(message), keywords, modSeq, size, Instant.ofEpochMilli(receivedAt));
    }

    byte[] encode() {
        return new ByteWriter(40 + keywords.size() * 4).u8(VERSION).varint(message).varint(modSeq).varint(size)
                .zigzag(receivedAt).keywords(keywords).varint(content).toByteArray();
    }

    static UidEntry decode(long uid, byte[] value) {
        ByteReader in = new ByteReader(value);
        int version = in.versions(1, VERSION, "UID entry");
        return new UidEntry(uid, in.varint(), in.varint(), in.varint(), in.zigzag(), in.keywords(),
                version >= 2 ? in.varint() : 0);
    }
}
