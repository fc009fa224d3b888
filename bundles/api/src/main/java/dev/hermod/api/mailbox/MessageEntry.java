package dev.hermod.api.mailbox;

import dev.hermod.api.mail.MessageId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One message as a member of one mailbox, as an IMAP session lists it.
 *
 * @param uid the message's UID in this mailbox
 * @param id the message's account-wide id (JMAP Email id; RFC 8474 EMAILID)
 * @param keywords its keywords, lower-case, immutable
 * @param modSeq the change id of its last change (RFC 7162 MODSEQ)
 * @param size its size in octets (RFC822.SIZE)
 * @param receivedAt its internal date
 */
public record MessageEntry(long uid, MessageId id, Set<String> keywords, long modSeq, long size, Instant receivedAt) {

    public MessageEntry {
        Objects.requireNonNull(id, "id");
        keywords = Set.copyOf(keywords);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
