package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Principal;
import dev.hermod.api.mailbox.MailboxException.Reason;
import dev.hermod.api.mailbox.QuotaUsage;
import dev.hermod.api.store.ReadTransaction;

/** An account's use ({@code 10 account 01 05} octets, {@code 01 06} messages) against its principal's quota. */
final class Quotas {

    private Quotas() {
    }

    static QuotaUsage usage(ReadTransaction txn, long account, Principal principal) {
        return new QuotaUsage(MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.QUOTA_BYTES))),
                MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.QUOTA_MESSAGES))), principal.quota(),
                principal.quotaMessages());
    }

    /** Checks that {@code count} more messages of {@code bytes} octets in all fit. */
    static void check(ReadTransaction txn, long account, Principal principal, long bytes, long count) {
        QuotaUsage usage = usage(txn, account, principal);
        boolean fits = (usage.limitBytes() <= 0 || usage.usedBytes() + bytes <= usage.limitBytes())
                && (usage.limitMessages() <= 0 || usage.usedMessages() + count <= usage.limitMessages());
        if (!fits) {
            throw Errors.of(Reason.OVER_QUOTA, "The account's quota is exceeded (" + usage.usedBytes() + " of "
                    + usage.limitBytes() + " octets, " + usage.usedMessages() + " of " + usage.limitMessages()
                    + " messages used; 0 means no limit). Delete messages, or ask for a larger quota.");
        }
    }
}
