package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.MailboxException.Reason;

/** The mail store's {@link MailboxException}s, worded once. */
final class Errors {

    private Errors() {
    }

    static MailboxException noSuchMailbox(long id) {
        return new MailboxException(Reason.NO_SUCH_MAILBOX, "No mailbox " + MailboxId.of(id)
                + " in this account; it may have been deleted. List the mailboxes again.");
    }

    static MailboxException noSuchMessage(long id) {
        return new MailboxException(Reason.NO_SUCH_MESSAGE, "No message " + MessageId.of(id)
                + " in this account; it may have been expunged or destroyed.");
    }

    static MailboxException of(Reason reason, String message) {
        return new MailboxException(reason, message);
    }
}
