package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.StoredMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A message as stored under {@code 10 account 03 message}. Format 3: version, blob hash (32 bytes), size,
 * zigzag received-at (ms since the epoch), thread, MODSEQ, keywords, a count of (mailbox, UID) pairs, the
 * content id ({@link FullText}), then the length and bytes of the trace prefix. Format 2 has no prefix;
 * format 1 neither a content id (content 0: not indexed). Both are still read.
 *
 * <p>The message is {@code prefix} followed by the blob: trace fields that differ per recipient
 * (Return-Path, Delivered-To) stay here, so one delivery to many accounts stores its bytes once.
 * {@code size} counts both.
 */
record MessageRecord(long id, byte[] blob, long size, long receivedAt, long thread, long modSeq, Set<String> keywords,
        TreeMap<Long, Long> mailboxes, long content, byte[] prefix) {

    private static final int VERSION = 3;
    private static final byte[] NONE = new byte[0];

    MessageRecord {
        keywords = Set.copyOf(keywords);
        prefix = prefix == null ? NONE : prefix;
    }

    MessageRecord(long id, byte[] blob, long size, long receivedAt, long thread, long modSeq, Set<String> keywords,
                  TreeMap<Long, Long> mailboxes, long content) {
        this(id, blob, size, receivedAt, thread, modSeq, keywords, mailboxes, content, NONE);
    }

    /** The blob's own size: the message without its prefix. */
    long blobSize() {
        return size - prefix.length;
    }

    boolean seen() {
        return keywords.contains(Keywords.SEEN);
    }

    BlobHash blobHash() {
        return BlobHash.of(blob);
    }

    MessageRecord withKeywords(Set<String> newKeywords, long newModSeq) {
        return new MessageRecord(id, blob, size, receivedAt, thread, newModSeq, newKeywords, mailboxes, content, prefix);
    }

    MessageRecord withMailboxes(TreeMap<Long, Long> newMailboxes, long newModSeq) {
        return new MessageRecord(id, blob, size, receivedAt, thread, newModSeq, keywords, newMailboxes, content, prefix);
    }

    StoredMessage toStoredMessage() {
        Map<MailboxId, Long> in = new LinkedHashMap<>();
        mailboxes.forEach((mailbox, uid) -> in.put(MailboxId.of(mailbox), uid));
        return new StoredMessage(MessageId.of(id), blobHash(), size, Instant.ofEpochMilli(receivedAt),
                ThreadId.of(thread), keywords, in, modSeq);
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter(96 + keywords.size() * 4 + mailboxes.size() * 6).u8(VERSION).bytes(blob)
                .varint(size).zigzag(receivedAt).varint(thread).varint(modSeq).keywords(keywords)
                .varint(mailboxes.size());
        mailboxes.forEach((mailbox, uid) -> out.varint(mailbox).varint(uid));
        return out.varint(content).varint(prefix.length).bytes(prefix).toByteArray();
    }

    static MessageRecord decode(long id, byte[] value) {
        ByteReader in = new ByteReader(value);
        int version = in.versions(1, VERSION, "message");
        byte[] blob = in.bytes(BlobHash.LENGTH);
        long size = in.varint();
        long receivedAt = in.zigzag();
        long thread = in.varint();
        long modSeq = in.varint();
        Set<String> keywords = in.keywords();
        int count = in.varint32();
        TreeMap<Long, Long> mailboxes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            mailboxes.put(in.varint(), in.varint());
        }
        long content = version >= 2 ? in.varint() : 0;
        byte[] prefix = version >= 3 ? in.bytes(in.varint32()) : NONE;
        return new MessageRecord(id, blob, size, receivedAt, thread, modSeq, keywords, mailboxes, content, prefix);
    }
}
