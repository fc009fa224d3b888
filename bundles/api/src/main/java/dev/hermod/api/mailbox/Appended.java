package dev.hermod.api.mailbox;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import java.util.Objects;

/**
 * The result of adding a message: what IMAP APPENDUID (RFC 4315) and JMAP Email/import report.
 *
 * @param id the new message's id
 * @param uidValidity the mailbox's UIDVALIDITY
 * @param uid the UID it got in the mailbox
 * @param thread the thread it joined or started
 * @param blob the hash of its bytes
 * @param size its size in octets
 * @param modSeq the change id of the append
 */
public record Appended(MessageId id, long uidValidity, long uid, ThreadId thread, BlobHash blob, long size, long modSeq) {

    public Appended {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(blob, "blob");
    }
}
