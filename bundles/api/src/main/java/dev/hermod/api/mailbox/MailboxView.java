package dev.hermod.api.mailbox;

import java.util.List;
import java.util.Objects;

/**
 * A consistent snapshot of one mailbox's contents in UID order, as IMAP SELECT needs it to number messages.
 *
 * @param mailbox the mailbox as of the snapshot
 * @param entries its messages, ascending by UID, immutable
 * @param state the account's change id the snapshot reflects
 */
public record MailboxView(Mailbox mailbox, List<MessageEntry> entries, long state) {

    public MailboxView {
        Objects.requireNonNull(mailbox, "mailbox");
        entries = List.copyOf(entries);
    }
}
