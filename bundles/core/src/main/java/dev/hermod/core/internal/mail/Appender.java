package dev.hermod.core.internal.mail;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.mailbox.MailboxException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds a message. The bytes stream to the blob store first, outside any transaction, through the indexer
 * (parsed once, as they pass, and stored exactly as received: the summary's offsets index the blob); then one transaction takes the change id, checks the quota, allocates the
 * message id, thread and UID, and writes the records, the summary, the counters, the change log and the
 * blob reference. If that transaction fails, the blob is deleted unless something else refers to it.
 */
final class Appender {

    private Appender() {
    }

    static Appended append(MailContext context, Account account, long mailbox, InputStream raw, Set<String> keywords,
            Instant receivedAt) throws IOException {
        return append(context, account, mailbox, null, raw, keywords, receivedAt);
    }

    /** Appends {@code prefix} + {@code raw}, the prefix kept in the message record and the rest as the blob. */
    static Appended append(MailContext context, Account account, long mailbox, byte[] prefix, InputStream raw,
            Set<String> keywords, Instant receivedAt) throws IOException {
        long prefixLength = prefix == null ? 0 : prefix.length;
        Set<String> checked = KeywordChanges.check(keywords);
        long received = (receivedAt == null ? Instant.now() : receivedAt).toEpochMilli();
        Principal principal = account.principal();
        if (!account.exists(mailbox)) {
            throw Errors.noSuchMailbox(mailbox);
        }
        BlobStore blobs = context.blobs();
        BlobHash hash;
        IndexedMessage indexed;
        long size;
        try (MessageIndexer.Sink sink = context.indexer.open()) {
            IndexingInputStream in = new IndexingInputStream(raw, sink, context.settings.maxMessageSize());
            try {
                hash = blobs.put(in);
            } catch (IndexingInputStream.TooLargeException e) {
                throw Errors.of(Reason.TOO_LARGE, "The message is larger than the " + context.settings.maxMessageSize()
                        + " octets this server accepts.");
            }
            size = in.count() + prefixLength;
            try {
                indexed = sink.finish();
            } catch (IOException e) {
                throw discard(context, blobs, hash, e);
            } catch (RuntimeException e) {
                throw discard(context, blobs, hash, e);
            }
        }
        ThreadKeys keys = ThreadKeys.of(indexed);
        byte[] summary = indexed.stored();
        try {
            return context.write(account.accountId(), t -> {
                MailboxRecord box = t.mailbox(mailbox);
                Quotas.check(t.txn, t.account, principal, size, 1);
                long id = t.next(MailKeys.NEXT_MESSAGE);
                long thread = Threads.assign(t, keys);
                long content = 0;
                if (BlobReferences.take(t, hash.bytes(), context::blobs)) {
                    Summaries.write(t, hash.bytes(), summary);
                } else {
                    content = FullText.contentOf(t.txn, t.account, hash.bytes());
                    if (content == 0) { // stored before the index: its summary is renewed too
                        Summaries.clear(t, hash.bytes());
                        Summaries.write(t, hash.bytes(), summary);
                    }
                }
                if (content == 0) {
                    content = FullText.index(t, hash.bytes(), indexed.tokens());
                }
                MessageRecord message = new MessageRecord(id, hash.bytes(), size, received, thread, t.modSeq, checked,
                        new TreeMap<>(), content, prefix);
                message = MessageWrites.join(t, message, mailbox, SortRecord.of(indexed.summary(), thread).encode());
                MessageWrites.save(t, message);
                FullText.addMessage(t, content, id);
                Threads.add(t, message, keys);
                t.count(MailKeys.QUOTA_BYTES, size);
                t.count(MailKeys.QUOTA_MESSAGES, 1);
                t.changes.created(Collection.EMAIL, id);
                return new Appended(MessageId.of(id), box.uidValidity(), message.mailboxes().get(mailbox),
                        ThreadId.of(thread), hash, size, t.modSeq);
            }).value();
        } catch (RuntimeException e) {
            throw discard(context, blobs, hash, e);
        }
    }

    /** Deletes the blob just stored unless something else refers to it, and returns the failure to throw. */
    private static <E extends Exception> E discard(MailContext context, BlobStore blobs, BlobHash hash, E failure) {
        try {
            BlobReferences.collect(context.store(), blobs, List.of(hash));
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }
}
