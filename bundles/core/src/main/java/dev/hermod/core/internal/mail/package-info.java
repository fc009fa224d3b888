/**
 * The mail store: {@link dev.hermod.api.mailbox.MailStore} over the {@link dev.hermod.api.store.KeyValueStore},
 * the {@link dev.hermod.api.blob.BlobStore} and the {@link dev.hermod.api.directory.Directory} in use.
 *
 * <h2>Key layout</h2>
 * Designed once for every provider: one prefix byte per subspace, ids as 8-byte big-endian numbers, and
 * the account id right after the account prefix so that an account is one contiguous range
 * ({@code 10 account} .. {@code strinc}) to export, migrate or delete. Prefixes {@code 01}–{@code 1F} are
 * the mail store's; the rest of the core (queue, leases) takes others.
 * <pre>
 * key                                         value
 * 01 name(UTF-8)                              account id, 8 bytes big-endian
 * 02 01                                       counter: last account id
 * 03 blobHash(32)                             counter: accounts referring to the blob
 * 04 blobHash(32)                             blob deletion marker: state (1 deleting, 2 deleted), time
 * 10 account(8) 00                            account: format, principal name, created (ms)
 * 10 account 01 c                             counters (little-endian, Transaction#add):
 *                                               01 change id (= MODSEQ = JMAP state), 02 last mailbox id,
 *                                               03 last message id, 04 last thread id, 05 quota octets,
 *                                               06 quota messages, 07 last UIDVALIDITY, 08 last change id pruned,
 *                                               09 last content id, 0A released contents not yet compacted,
 *                                               0B posting chunks written since the last compaction, 0C posting
 *                                               chunks the last compaction left
 * 10 account 02 mailbox(8)                    {@link dev.hermod.core.internal.mail.MailboxRecord}
 * 10 account 03 message(8)                    {@link dev.hermod.core.internal.mail.MessageRecord}
 * 10 account 04 mailbox uid(8)                {@link dev.hermod.core.internal.mail.UidEntry}: message id, keywords,
 *                                               MODSEQ, size, received-at, content id; a mailbox listing is one
 *                                               range read
 * 10 account 05 blobHash(32) 00               counter: the account's messages with these bytes
 * 10 account 05 blobHash(32) 01 chunk(2)      parsed summary ({@link dev.hermod.core.internal.mail.Summaries}:
 *                                               a format byte, then {@code SummaryCodec}), chunks of 90,000 bytes
 * 10 account 05 blobHash(32) 02               the blob's content id in the account ({@link dev.hermod.core.internal.mail.FullText})
 * 10 account 06 changeId(8)                   {@link dev.hermod.core.internal.mail.ChangeSet}: created/updated/
 *                                               destroyed mailboxes, emails, threads; mailboxes with VANISHED
 * 10 account 07 mailbox modseq(8) uid(8)      (empty) VANISHED tombstone: the UID left the mailbox at modseq
 * 10 account 08 mailbox modseq(8) uid(8)      (empty) MODSEQ index: CHANGEDSINCE without scanning the mailbox
 * 10 account 09 idHash(16) message(8)         thread id: a message's own Message-ID
 * 10 account 0A idHash(16) message(8)         thread id: an id the message refers to (In-Reply-To, References)
 * 10 account 0B thread receivedAt message     (empty) a thread's messages, oldest first (sign bit flipped)
 * 10 account 0C message(8)                    {@link dev.hermod.core.internal.mail.ThreadKeys} of the message
 * 10 account 0D mailbox uid(8)                {@link dev.hermod.core.internal.mail.SortRecord}: thread, Date, the
 *                                               RFC 5256/5957 sort strings, has-attachment, beside the UID entry
 * 10 account 0E token(UTF-8) 00 bound(8)      posting list chunk: content ids with the token
 *                                               ({@link dev.hermod.core.internal.mail.Postings}); a token is a field
 *                                               code ({@code s f t c b} Subject From To Cc Bcc, {@code x} body)
 *                                               and the normalized text, or {@code !} (header words not all indexed)
 * 10 account 0F content(8) message(8)         (empty) the messages with that content
 * 10 account 10 content(8)                    (empty) a content released, to drop from the postings
 * 10 account 11 mailbox(8)                    highest UID already told to an IMAP session as \Recent
 * 10 account 12 content(8) part(8)            tokens of a content not yet moved into the posting lists
 *                                               ({@link dev.hermod.core.internal.mail.PendingIndex})
 * 10 account 13 name(UTF-8)                   a protocol's setting (MailAccount.setting: JMAP identities, ...)
 * </pre>
 *
 * <h2>Values</h2>
 * Records start with a format version byte, then fields as unsigned LEB128 varints (zigzag for signed
 * values), strings as a varint length and UTF-8, sets of ids ascending as deltas, and keywords as one code
 * byte for the common ones ({@code $seen} … {@code $phishing}) or 0 and the string
 * ({@link dev.hermod.core.internal.mail.ByteWriter}). No Java serialization. A reader meeting a version it
 * does not know fails loudly rather than guess.
 *
 * <h2>Ingest</h2>
 * A message's bytes stream once from the sender into the blob store, exactly as received, and on the way
 * through a bounded pipe to {@code dev.hermod.message.MessageParser} running on a thread of its own
 * ({@link dev.hermod.core.internal.mail.ParserIndexer}): the summary's offsets index the blob, the blob is
 * never read back to parse it, and memory stays bounded whatever the message's size. Threading uses the
 * envelope's Message-ID, In-Reply-To and References.
 *
 * <h2>Search</h2>
 * Everything {@link dev.hermod.api.mailbox.MailAccount#search} and
 * {@link dev.hermod.api.mailbox.MailAccount#query} read is in the KV store; no query reads a blob. Per
 * membership, the UID entry (flags, size, dates, MODSEQ, content id) and the
 * {@link dev.hermod.core.internal.mail.SortRecord} answer most criteria and every sort key with contiguous
 * range reads; the full-text index answers text criteria by content (the distinct bytes: copies and
 * duplicate deliveries share it); the stored summary answers HEADER and checks multi-word header
 * substrings. Header fields are indexed by every suffix of every word, so their substring search is exact;
 * body text by words (and pairs of CJK characters), so body search finds words and word beginnings
 * ({@link dev.hermod.core.internal.mail.Tokens}, {@link dev.hermod.core.internal.mail.IndexTokens},
 * {@link dev.hermod.core.internal.mail.SearchPlan}, {@link dev.hermod.core.internal.mail.Search}).
 *
 * <p>The index is kept in the transactions that change messages: an append writes its content's tokens as
 * one pending value (the first time the account sees those bytes) and its sort record; copy, move and {@code setMailboxes}
 * write sort records for the mailboxes joined and clear those left; expunge and destroy clear them and the
 * content's messages, and release the content once its last message is gone. Keyword changes need no
 * index of their own: they are in the UID entries searched. In the background, pending contents move into the
 * posting lists a batch at a time, and a compaction packs the lists and drops released contents
 * ({@link dev.hermod.core.internal.mail.FullText}); searches read the pending values meanwhile, so they are
 * just as exact before either runs.
 *
 * <h2>Transactions</h2>
 * Every mutating operation is one {@link dev.hermod.core.internal.mail.AccountTxn}: it reads the account's
 * change counter, so that concurrent writers of one account conflict and the store serializes them (this,
 * not a lock, is what keeps UIDs unique and keyword updates from being lost across nodes); it commits the
 * change id counter + 1, a change-log entry, the mailboxes' new HIGHESTMODSEQ and counts. After the commit,
 * listeners are told, released blobs are deleted and, past {@code changelog.keep} entries, the log is
 * pruned in the background. A node also queues its own writers of one account on a striped lock, which
 * spares the store conflicts it would otherwise resolve by retrying. Bulk operations (expunge, copy, move,
 * keyword changes, destroying, deleting a mailbox) run {@code batch.size} messages per transaction, each
 * with its own change id, so that they stay far below the store's 10 MB / 5 s limits; each batch is
 * atomic and idempotent, and a deleted mailbox is marked first so that its removal resumes after a crash.
 * Functions passed to the store have no side effects outside it: they may be retried.
 *
 * <h2>Other nodes</h2>
 * Nodes sharing a store keep no state another needs: ids and counters come from the store. A change
 * committed on one node reaches the subscribers on another when its poller (one thread, every
 * {@code poll.interval.ms}) reads a higher change counter for an account with subscribers.
 *
 * <h2>Left for later</h2>
 * Re-parsing and re-indexing the blobs of messages stored before the parser and the index (their format 1
 * summaries give an exact envelope and header but no body structure; text searches do not find them,
 * HEADER searches and sorting do); fewer index rows per message for networked stores (a per-account
 * buffer of recent contents merged in batches); a garbage collection of orphaned blobs (left when a node
 * dies between a commit and a blob delete) and of leftover deletion markers beyond the sweep; merging
 * threads that a late message links; an idempotency key for appends whose commit outcome was unknown
 * (today such a retry may store the message twice, never lose it).
 */
package dev.hermod.core.internal.mail;
