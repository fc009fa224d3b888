package dev.hermod.core.internal.mail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work on one thread: pruning change logs, moving new contents into the full-text index and
 * compacting it (packing posting lists, dropping released contents), finishing mailbox deletions that an earlier run left half done, and sweeping old blob
 * deletion markers. Each task is queued once while pending.
 */
final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final MailContext context;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Notifier.daemon("hermod-mail-maintenance"));
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    Maintenance(MailContext context) {
        this.context = context;
        executor.scheduleWithFixedDelay(() -> run("sweep", () -> BlobReferences.sweep(context.store(),
                System.currentTimeMillis())), 10, 10, TimeUnit.MINUTES);
    }

    void prune(long account) {
        submit("prune " + account, () -> ChangeLogPruner.prune(context.store(), account,
                context.settings.changeLogKeep()));
    }

    /**
     * Moves the account's pending contents into its posting lists, then packs them and sweeps released
     * contents out, if enough have gathered.
     */
    void compact(long account) {
        submit("compact " + account, () -> {
            if (context.read(txn -> PendingIndex.any(txn, account))) {
                PendingIndex.flush(context.store(), account);
            }
            if (context.read(txn -> FullText.compactionDue(txn, account))) {
                FullText.compact(context.store(), account);
            }
        });
    }

    void finishDeletion(long account, long mailbox) {
        submit("delete " + account + " " + mailbox, () -> MailboxDeletion.run(context, account, mailbox));
    }

    private void submit(String task, Runnable work) {
        if (!pending.add(task)) {
            return;
        }
        try {
            executor.execute(() -> {
                pending.remove(task);
                run(task, work);
            });
        } catch (RejectedExecutionException closed) {
            pending.remove(task);
        }
    }

    private static void run(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("Mail store maintenance '{}' failed; it runs again later: {}", task, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
