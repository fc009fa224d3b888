package dev.hermod.api.mailbox;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A message with everything the store keeps about it except its parsed summary.
 *
 * @param id stable id (JMAP Email id)
 * @param blob the hash of its raw bytes in the blob store (JMAP blobId)
 * @param size size in octets
 * @param receivedAt internal date (IMAP INTERNALDATE, JMAP receivedAt)
 * @param thread its thread (JMAP threadId, RFC 8474 THREADID)
 * @param keywords keywords, lower-case
 * @param mailboxes the mailboxes it belongs to, each with its UID there
 * @param modSeq change id of its last change
 */
public record StoredMessage(MessageId id, BlobHash blob, long size, Instant receivedAt, ThreadId thread,
        Set<String> keywords, Map<MailboxId, Long> mailboxes, long modSeq) {

    public StoredMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(thread, "thread");
        keywords = Set.copyOf(keywords);
        mailboxes = Map.copyOf(mailboxes);
    }
}
