package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.MailboxException;

/** The response code (RFC 5530, RFC 9051 §7.1) for a mail store refusal. */
final class Codes {

    private Codes() {
    }

    static String of(MailboxException e) {
        return switch (e.reason()) {
            case NO_SUCH_MAILBOX, NO_SUCH_MESSAGE, NO_SUCH_ACCOUNT -> "[NONEXISTENT]";
            case ALREADY_EXISTS -> "[ALREADYEXISTS]";
            case OVER_QUOTA -> "[OVERQUOTA]";
            case TOO_LARGE -> "[TOOBIG]";
            case HAS_CHILDREN, HAS_MESSAGES -> "[INUSE]";
            case INVALID_NAME, INVALID_PARENT, CANNOT -> "[CANNOT]";
        };
    }
}
