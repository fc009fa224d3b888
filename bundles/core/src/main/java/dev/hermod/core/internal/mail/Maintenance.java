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

    /** How long new contents wait to be moved into the posting lists with those stored after them. */
    static final long INDEX_DELAY_MS = 500;

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
     * contents out, if enough have gathered. It runs {@value #INDEX_DELAY_MS} ms after the first request, so
     * that the messages stored meanwhile move as one batch (one posting chunk per token for all of them).
     */
    void compact(long account) {
        submit("compact " + account, INDEX_DELAY_MS, () -> {
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
        submit(task, 0, work);
    }

    private void submit(String task, long delayMs, Runnable work) {
        if (!pending.add(task)) {
            return;
        }
        try {
            executor.schedule(() -> {
                pending.remove(task);
                run(task, work);
            }, delayMs, TimeUnit.MILLISECONDS);
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
