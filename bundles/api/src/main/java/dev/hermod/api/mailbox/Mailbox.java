package dev.hermod.api.mailbox;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import java.util.Objects;

/**
 * A mailbox as it was when read: identity, place in the tree, IMAP numbering and counts.
 *
 * @param id stable id
 * @param name the name among its siblings (not the path), never empty
 * @param parent the parent's id, or {@code null} at the top level
 * @param role the special use, or {@code null}
 * @param subscribed whether the user subscribed to it (IMAP LSUB, JMAP isSubscribed)
 * @param sortOrder JMAP sortOrder, 0 by default
 * @param uidValidity IMAP UIDVALIDITY, never changes for the mailbox's lifetime
 * @param uidNext the UID the next message added will get
 * @param highestModSeq the highest change id of anything in the mailbox (RFC 7162 HIGHESTMODSEQ)
 * @param messages number of messages
 * @param unseen number of messages without {@code $seen}
 * @param size total size in octets of its messages (IMAP STATUS SIZE, RFC 8438)
 */
public record Mailbox(MailboxId id, String name, MailboxId parent, MailboxRole role, boolean subscribed,
        int sortOrder, long uidValidity, long uidNext, long highestModSeq, long messages, long unseen, long size) {

    public Mailbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
