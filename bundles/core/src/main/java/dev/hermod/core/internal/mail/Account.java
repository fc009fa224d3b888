package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Principal;
import dev.hermod.core.internal.crypto.AtRestEncryption;
import dev.hermod.api.mail.AccountId;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.CopyResult;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordResult;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxDelta;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.mailbox.QuotaUsage;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SortKey;
import dev.hermod.api.mailbox.StoredMessage;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/** One account's mail: reads here, each write delegated to the class that does it. Holds no provider. */
final class Account implements MailAccount {

    private final MailContext context;
    private final String name;
    private final long id;

    Account(MailContext context, String name, long id) {
        this.context = context;
        this.name = name;
        this.id = id;
    }

    long accountId() {
        return id;
    }

    /** The principal as the directory says now: quota changes show at once. */
    Principal principal() {
        return Accounts.principal(context, name);
    }

    boolean exists(long mailbox) {
        return context.read(txn -> {
            byte[] value = txn.get(MailKeys.mailbox(id, mailbox));
            return value != null && !MailboxRecord.decode(mailbox, value).deleting();
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AccountId id() {
        return AccountId.of(id);
    }

    @Override
    public long state() {
        return context.state(id);
    }

    // --- mailboxes ---

    private MailboxTree tree() {
        List<MailboxRecord> records = context.read(txn -> {
            List<MailboxRecord> all = new ArrayList<>();
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(id, MailKeys.MAILBOX), 0, false)) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    all.add(MailboxRecord.decode(MailKeys.lastLong(kv.key()), kv.value()));
                }
            }
            return all;
        });
        records.stream().filter(MailboxRecord::deleting)
                .forEach(m -> context.maintenance.finishDeletion(id, m.id()));
        return new MailboxTree(records);
    }

    @Override
    public List<Mailbox> mailboxes() {
        return tree().ordered().stream().map(MailboxRecord::toMailbox).toList();
    }

    @Override
    public Mailbox mailbox(MailboxId mailbox) {
        return context.read(txn -> Reads.mailbox(txn, id, mailbox.value())).toMailbox();
    }

    @Override
    public Optional<Mailbox> find(String path) {
        return tree().find(path).map(MailboxRecord::toMailbox);
    }

    @Override
    public String path(MailboxId mailbox) {
        MailboxTree tree = tree();
        if (tree.get(mailbox.value()) == null) {
            throw Errors.noSuchMailbox(mailbox.value());
        }
        return tree.path(mailbox.value());
    }

    @Override
    public Optional<Mailbox> mailbox(MailboxRole role) {
        return tree().withRole(role).map(MailboxRecord::toMailbox);
    }

    @Override
    public Mailbox createMailbox(String mailboxName, MailboxId parent, MailboxRole role) {
        return context.write(id, t -> Mailboxes.create(t, mailboxName, parent == null ? null : parent.value(), role))
                .value().toMailbox();
    }

    @Override
    public Mailbox renameMailbox(MailboxId mailbox, String newName, MailboxId parent) {
        return context.write(id, t -> Mailboxes.rename(t, mailbox.value(), newName,
                parent == null ? null : parent.value())).value().toMailbox();
    }

    @Override
    public Mailbox updateMailbox(MailboxId mailbox, boolean subscribed, MailboxRole role, int sortOrder) {
        return context.write(id, t -> Mailboxes.update(t, mailbox.value(), subscribed, role, sortOrder)).value()
                .toMailbox();
    }

    @Override
    public void deleteMailbox(MailboxId mailbox, boolean removeMessages) {
        context.write(id, t -> {
            Mailboxes.markDeleted(t, mailbox.value(), removeMessages);
            return null;
        });
        try {
            MailboxDeletion.run(context, id, mailbox.value());
        } catch (RuntimeException e) {
            // The mailbox is gone for every reader already; its messages go in the background.
            context.maintenance.finishDeletion(id, mailbox.value());
        }
    }

    // --- messages ---

    @Override
    public Appended append(MailboxId mailbox, InputStream raw, Set<String> keywords, Instant receivedAt)
            throws IOException {
        Objects.requireNonNull(raw, "raw");
        AtRestEncryption encryption = context.appendEncryption;
        if (encryption != null) {
            return encryption.store(name, raw, in -> Appender.append(context, this, mailbox.value(), in, keywords,
                    receivedAt));
        }
        return Appender.append(context, this, mailbox.value(), raw, keywords, receivedAt);
    }

    @Override
    public Appended append(MailboxId mailbox, byte[] tracePrefix, InputStream raw, Set<String> keywords,
                           Instant receivedAt) throws IOException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(tracePrefix, "tracePrefix");
        return Appender.append(context, this, mailbox.value(), tracePrefix.clone(), raw, keywords, receivedAt);
    }

    @Override
    public MailboxView view(MailboxId mailbox) {
        return context.read(txn -> {
            MailboxRecord box = Reads.mailbox(txn, id, mailbox.value());
            List<MessageEntry> entries = new ArrayList<>((int) Math.min(box.messages(), 1 << 20));
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(id, MailKeys.UID, mailbox.value()), 0, false)) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    entries.add(UidEntry.decode(MailKeys.lastLong(kv.key()), kv.value()).toEntry());
                }
            }
            return new MailboxView(box.toMailbox(), entries, Reads.state(txn, id));
        });
    }

    @Override
    public StoredMessage message(MessageId message) {
        return context.read(txn -> Reads.message(txn, id, message.value())).toStoredMessage();
    }

    /** The stored summary of a message, its first byte naming the format. */
    byte[] storedSummary(MessageId message) {
        return context.read(txn -> Summaries.read(txn, id, Reads.message(txn, id, message.value()).blob()));
    }

    @Override
    public MessageSummary summary(MessageId message) {
        record Stored(byte[] summary, long size, byte[] prefix) {
        }
        Stored stored = context.read(txn -> {
            MessageRecord record = Reads.message(txn, id, message.value());
            return new Stored(Summaries.read(txn, id, record.blob()), record.blobSize(), record.prefix());
        });
        if (stored.summary() == null) {
            throw new IllegalStateException("The summary of message " + message + " is missing from the store.");
        }
        return PrefixedSummary.of(stored.prefix(), Summaries.decode(stored.summary(), stored.size()));
    }

    @Override
    public InputStream open(MessageId message, long offset, long length) {
        MessageRecord record = context.read(txn -> Reads.message(txn, id, message.value()));
        return PrefixedSummary.open(record.prefix(), offset, length,
                (from, count) -> context.blobs().get(record.blobHash(), from, count));
    }

    @Override
    public CopyResult copy(MailboxId from, Collection<Long> uids, MailboxId to) {
        return Transfers.copy(context, this, from.value(), uids, to.value());
    }

    @Override
    public CopyResult move(MailboxId from, Collection<Long> uids, MailboxId to) {
        return Transfers.move(context, id, from.value(), uids, to.value());
    }

    @Override
    public KeywordResult store(MailboxId mailbox, Collection<Long> uids, KeywordChange change) {
        return KeywordStore.store(context, id, mailbox.value(), uids, change);
    }

    @Override
    public List<Long> expunge(MailboxId mailbox, Collection<Long> uids) {
        return Expunger.expunge(context, id, mailbox.value(), uids);
    }

    @Override
    public Optional<StoredMessage> setMailboxes(MessageId message, Set<MailboxId> mailboxes) {
        return MessageSets.setMailboxes(context, id, message.value(), mailboxes);
    }

    @Override
    public List<MessageId> destroy(Collection<MessageId> ids) {
        return MessageSets.destroy(context, id, ids);
    }

    @Override
    public List<MessageId> thread(ThreadId thread) {
        return context.read(txn -> Threads.members(txn, id, thread.value())).stream().map(MessageId::of).toList();
    }

    // --- search ---

    @Override
    public List<Long> search(MailboxId mailbox, SearchQuery query, List<SortKey> sort) {
        Objects.requireNonNull(query, "query");
        List<SortKey> keys = sort == null ? List.of() : List.copyOf(sort);
        return Search.search(context.store(), id, mailbox.value(), query, keys);
    }

    @Override
    public List<MessageId> query(SearchQuery query, List<SortKey> sort, boolean collapseThreads) {
        Objects.requireNonNull(query, "query");
        List<SortKey> keys = sort == null ? List.of() : List.copyOf(sort);
        return Search.query(context.store(), id, query, keys, collapseThreads).stream().map(MessageId::of).toList();
    }

    // --- changes ---

    @Override
    public Changes changes(Changes.Collection collection, long since, int maxChanges) {
        return context.read(txn -> ChangeQueries.changes(txn, id, collection, since, maxChanges));
    }

    @Override
    public MailboxDelta delta(MailboxId mailbox, long sinceModSeq) {
        return context.read(txn -> ChangeQueries.delta(txn, id, mailbox.value(), sinceModSeq));
    }

    @Override
    public AutoCloseable subscribe(LongConsumer listener) {
        Objects.requireNonNull(listener, "listener");
        return context.notifier.subscribe(id, state(), listener);
    }

    @Override
    public Optional<byte[]> setting(String name) {
        byte[] key = settingKey(name);
        return Optional.ofNullable(context.read(txn -> txn.get(key)));
    }

    @Override
    public void putSetting(String name, byte[] value) {
        byte[] key = settingKey(name);
        if (value != null && value.length > MAX_SETTING_SIZE) {
            throw new IllegalArgumentException("setting " + name + " is larger than " + MAX_SETTING_SIZE + " bytes");
        }
        context.store().write(txn -> {
            if (value == null) {
                txn.clear(key);
            } else {
                txn.set(key, value);
            }
            return null;
        });
    }

    private byte[] settingKey(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a setting name has 1 to 200 characters");
        }
        return dev.hermod.api.store.Keys.concat(MailKeys.sub(id, MailKeys.SETTING),
                name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public long claimRecent(MailboxId mailbox, long throughUid) {
        byte[] key = MailKeys.sub(id, MailKeys.RECENT, mailbox.value());
        long known = context.read(txn -> {
            byte[] value = txn.get(key);
            return value == null ? 0L : Keys.decodeLong(value);
        });
        if (throughUid <= known) {
            return known;
        }
        return context.store().write(txn -> {
            byte[] value = txn.get(key);
            long mark = value == null ? 0 : Keys.decodeLong(value);
            if (throughUid > mark) {
                txn.set(key, Keys.encodeLong(throughUid));
            }
            return mark;
        });
    }

    // --- quota ---

    @Override
    public QuotaUsage quota() {
        Principal principal = principal();
        return context.read(txn -> Quotas.usage(txn, id, principal));
    }

    @Override
    public String toString() {
        return "MailAccount[" + name + ", " + id() + "]";
    }
}
