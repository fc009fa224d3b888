package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops an account's oldest change-log entries and the VANISHED tombstones they wrote, keeping the newest
 * {@code keep}; {@code 10 account 01 08} holds the last change id dropped. Each transaction drops at most
 * {@value #BATCH} entries, so pruning a long log is many small, resumable steps.
 */
final class ChangeLogPruner {

    static final int BATCH = 1000;

    private ChangeLogPruner() {
    }

    static void prune(KeyValueStore store, long account, int keep) {
        boolean more = true;
        while (more) {
            more = store.write(txn -> {
                long current = MailKeys.counterValue(txn.snapshot().get(MailKeys.counter(account, MailKeys.CHANGE_ID)));
                byte[] prunedKey = MailKeys.counter(account, MailKeys.PRUNED);
                long pruned = MailKeys.counterValue(txn.get(prunedKey));
                long target = current - keep;
                if (target <= pruned) {
                    return false;
                }
                long upTo = Math.min(target, pruned + BATCH);
                Set<Long> mailboxes = new TreeSet<>();
                try (KeyValueIterator it = txn.range(MailKeys.change(account, pruned + 1), MailKeys.change(account, upTo + 1))) {
                    while (it.hasNext()) {
                        mailboxes.addAll(ChangeSet.decode(it.next().value()).vanishedIn());
                    }
                }
                txn.clearRange(MailKeys.change(account, pruned + 1), MailKeys.change(account, upTo + 1));
                for (long mailbox : mailboxes) {
                    txn.clearRange(MailKeys.sub(account, MailKeys.VANISHED, mailbox),
                            MailKeys.sub(account, MailKeys.VANISHED, mailbox, upTo + 1));
                }
                txn.set(prunedKey, MailKeys.counterBytes(upTo));
                return upTo < target;
            });
        }
    }
}
