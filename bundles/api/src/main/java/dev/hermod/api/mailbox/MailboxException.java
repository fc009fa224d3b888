package dev.hermod.api.mailbox;

import dev.hermod.api.mail.PermanentFailureException;
import java.util.Objects;

/**
 * A mail store request that cannot be done as asked. The reason lets each protocol answer with its own
 * code (IMAP response codes of RFC 5530, JMAP SetError types of RFC 8620/8621).
 */
public class MailboxException extends PermanentFailureException {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** The directory has no such individual principal (JMAP {@code accountNotFound}). */
        NO_SUCH_ACCOUNT,
        /** The mailbox does not exist (IMAP {@code [NONEXISTENT]}, JMAP {@code notFound}). */
        NO_SUCH_MAILBOX,
        /** The message does not exist or is not in that mailbox. */
        NO_SUCH_MESSAGE,
        /** A sibling already has that name (IMAP {@code [ALREADYEXISTS]}, JMAP {@code alreadyExists}). */
        ALREADY_EXISTS,
        /** The name is empty, too long, or contains the separator or control characters. */
        INVALID_NAME,
        /** The mailbox has child mailboxes (JMAP {@code mailboxHasChild}). */
        HAS_CHILDREN,
        /** The mailbox still holds messages and they were not to be destroyed (JMAP {@code mailboxHasEmail}). */
        HAS_MESSAGES,
        /** The operation would exceed the account's quota (IMAP {@code [OVERQUOTA]}, JMAP {@code overQuota}). */
        OVER_QUOTA,
        /** The special mailbox cannot be removed or renamed this way, e.g. INBOX (IMAP {@code [CANNOT]}). */
        CANNOT,
        /** A parent cannot become its own descendant. */
        INVALID_PARENT,
        /** The message exceeds a configured limit (size, MIME depth). */
        TOO_LARGE
    }

    private final Reason reason;

    /**
     * @param reason why the request failed, not {@code null}
     * @param message what happened, for the user or admin, not {@code null}
     */
    public MailboxException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the request failed */
    public Reason reason() {
        return reason;
    }
}
