package dev.hermod.core.internal.mail;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.core.internal.ProviderRegistry;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every operation of the mail store shares: the providers, asked for at every use so that a swap
 * takes effect at once (never kept), the settings, and the work done after a commit.
 */
final class MailContext {

    private static final Logger LOG = LoggerFactory.getLogger(MailContext.class);
    private static final int STRIPES = 256;

    final Settings settings;
    final MessageIndexer indexer;
    final Notifier notifier;
    final Maintenance maintenance;
    private final ProviderRegistry registry;
    /** Encrypts messages clients add (IMAP APPEND, JMAP import) for accounts with a key; {@code null}: off. */
    volatile dev.hermod.core.internal.crypto.AtRestEncryption appendEncryption;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    MailContext(ProviderRegistry registry, Settings settings, MessageIndexer indexer) {
        this.registry = registry;
        this.settings = settings;
        this.indexer = indexer;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        this.notifier = new Notifier(settings.pollMillis(), this::state);
        this.maintenance = new Maintenance(this);
    }

    KeyValueStore store() {
        return registry.store();
    }

    BlobStore blobs() {
        return registry.blobStore();
    }

    Directory directory() {
        return registry.directory();
    }

    <T> T read(ReadFunction<T> function) {
        return store().read(function);
    }

    long state(long account) {
        return read(txn -> MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.CHANGE_ID))));
    }

    /**
     * Runs one write transaction on an account, then deletes the blobs it released, notifies listeners
     * and schedules pruning.
     */
    <T> Committed<T> write(long account, Function<AccountTxn, T> work) {
        ReentrantLock lock = settings.serializeLocally() ? locks[Long.hashCode(account * 0x9E3779B97F4A7C15L) & (STRIPES - 1)]
                : null;
        Committed<T> committed;
        if (lock != null) {
            lock.lock();
        }
        try {
            committed = store().write(txn -> {
                AccountTxn t = AccountTxn.begin(txn, account);
                T value = work.apply(t);
                long state = t.finish();
                return new Committed<>(value, state, state == t.modSeq, List.copyOf(t.released),
                        t.needsPruning(settings.changeLogKeep()), t.indexWork);
            });
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
        if (!committed.released().isEmpty()) {
            try {
                BlobReferences.collect(store(), blobs(), committed.released());
            } catch (RuntimeException e) {
                LOG.warn("Could not delete {} blobs no message refers to any more; a later garbage collection removes"
                        + " them: {}", committed.released().size(), e.toString());
            }
        }
        if (committed.changed()) {
            notifier.changed(account, committed.state());
        }
        if (committed.prune()) {
            maintenance.prune(account);
        }
        if (committed.indexWork()) {
            maintenance.compact(account);
        }
        return committed;
    }

    void close() {
        notifier.close();
        maintenance.close();
        indexer.close();
    }
}
