package dev.hermod.api.mailbox;

import java.util.List;

/**
 * What changed in one mailbox since a MODSEQ, for IMAP CONDSTORE/QRESYNC (RFC 7162 §3.2.5, VANISHED).
 *
 * @param changed messages added or whose keywords changed since, ascending by UID
 * @param vanished UIDs expunged or moved away since, ascending
 * @param highestModSeq the mailbox's HIGHESTMODSEQ now
 */
public record MailboxDelta(List<MessageEntry> changed, List<Long> vanished, long highestModSeq) {

    public MailboxDelta {
        changed = List.copyOf(changed);
        vanished = List.copyOf(vanished);
    }
}
