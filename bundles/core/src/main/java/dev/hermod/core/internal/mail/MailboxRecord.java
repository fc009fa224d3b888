package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Mailbox;

/**
 * A mailbox as stored under {@code 10 account 02 mailbox}. Format 1: version, name, parent + 1 (0 for
 * none), role as its JMAP name ("" for none), flags (1 subscribed, 2 being deleted), zigzag sort order,
 * then varints UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, messages, unseen, size.
 */
record MailboxRecord(long id, String name, long parent, MailboxRole role, boolean subscribed, int sortOrder,
        long uidValidity, long uidNext, long highestModSeq, long messages, long unseen, long size,
        boolean deleting) {

    static final long NO_PARENT = -1;
    private static final int VERSION = 1;

    static MailboxRecord create(long id, String name, long parent, MailboxRole role, long uidValidity, long modSeq) {
        return new MailboxRecord(id, name, parent, role, true, 0, uidValidity, 1, modSeq, 0, 0, 0, false);
    }

    Mailbox toMailbox() {
        return new Mailbox(MailboxId.of(id), name, parent == NO_PARENT ? null : MailboxId.of(parent), role,
                subscribed, sortOrder, uidValidity, uidNext, highestModSeq, messages, unseen, size);
    }

    MailboxRecord withPlace(String newName, long newParent) {
        return new MailboxRecord(id, newName, newParent, role, subscribed, sortOrder, uidValidity, uidNext,
                highestModSeq, messages, unseen, size, deleting);
    }

    MailboxRecord withSettings(boolean newSubscribed, MailboxRole newRole, int newSortOrder) {
        return new MailboxRecord(id, name, parent, newRole, newSubscribed, newSortOrder, uidValidity, uidNext,
                highestModSeq, messages, unseen, size, deleting);
    }

    MailboxRecord markedDeleting() {
        return new MailboxRecord(id, name, parent, role, subscribed, sortOrder, uidValidity, uidNext,
                highestModSeq, messages, unseen, size, true);
    }

    /** Takes the next UID for a message joining, and counts it. */
    MailboxRecord joined(long modSeq, long messageSize, boolean seen) {
        return new MailboxRecord(id, name, parent, role, subscribed, sortOrder, uidValidity, uidNext + 1,
                Math.max(highestModSeq, modSeq), messages + 1, unseen + (seen ? 0 : 1), size + messageSize, deleting);
    }

    MailboxRecord left(long modSeq, long messageSize, boolean seen) {
        return new MailboxRecord(id, name, parent, role, subscribed, sortOrder, uidValidity, uidNext,
                Math.max(highestModSeq, modSeq), messages - 1, unseen - (seen ? 0 : 1), size - messageSize, deleting);
    }

    MailboxRecord touched(long modSeq, long unseenDelta) {
        return new MailboxRecord(id, name, parent, role, subscribed, sortOrder, uidValidity, uidNext,
                Math.max(highestModSeq, modSeq), messages, unseen + unseenDelta, size, deleting);
    }

    byte[] encode() {
        return new ByteWriter(64 + name.length()).u8(VERSION).string(name).varint(parent + 1)
                .string(role == null ? "" : role.jmapRole()).u8((subscribed ? 1 : 0) | (deleting ? 2 : 0))
                .zigzag(sortOrder).varint(uidValidity).varint(uidNext).varint(highestModSeq).varint(messages)
                .varint(unseen).varint(size).toByteArray();
    }

    static MailboxRecord decode(long id, byte[] value) {
        ByteReader in = new ByteReader(value).version(VERSION, "mailbox");
        String name = in.string();
        long parent = in.varint() - 1;
        String role = in.string();
        int flags = in.u8();
        int sortOrder = (int) in.zigzag();
        return new MailboxRecord(id, name, parent, role.isEmpty() ? null : MailboxRole.fromJmapRole(role).orElse(null),
                (flags & 1) != 0, sortOrder, in.varint(), in.varint(), in.varint(), in.varint(), in.varint(),
                in.varint(), (flags & 2) != 0);
    }
}
