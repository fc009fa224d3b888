/**
 * The mail store: accounts' mailboxes and messages over the storage SPIs, shared by SMTP/LMTP delivery,
 * IMAP, POP3, JMAP and the command line.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>An <b>account</b> belongs to a directory principal and is opened by name; its id, mailboxes and
 *       special-use mailboxes (Inbox, Drafts, Sent, Junk, Trash, Archive) are created at first use.</li>
 *   <li>A <b>mailbox</b> has a stable {@link dev.hermod.api.mail.MailboxId}, a name unique among its
 *       siblings, an optional parent, a role, a subscription flag, an IMAP UIDVALIDITY and UIDNEXT.
 *       Paths join names with {@value dev.hermod.api.mailbox.MailAccount#SEPARATOR}.</li>
 *   <li>A <b>message</b> (a JMAP Email) has a stable {@link dev.hermod.api.mail.MessageId}, the hash of
 *       its raw bytes in the blob store, a size, a received date, a thread, a set of keywords, and one
 *       IMAP UID in each mailbox it belongs to. Moving keeps the id; IMAP COPY makes a new message that
 *       shares the bytes.</li>
 *   <li><b>Keywords</b> are JMAP keywords (RFC 8621 §4.1.1), lower-case: IMAP system flags map to
 *       {@code $seen}, {@code $answered}, {@code $flagged}, {@code $draft} and {@code $deleted}
 *       ({@link dev.hermod.api.mailbox.Keywords}).</li>
 *   <li>Every committed change takes the account's next <b>change id</b>: it is the IMAP MODSEQ
 *       (RFC 7162) of what changed and the JMAP state string of the account.</li>
 *   <li>A message's content is parsed once, when it is added, into a summary
 *       ({@link dev.hermod.api.message.MessageSummary}) and into the account's search indexes: a
 *       {@link dev.hermod.api.mailbox.SearchQuery} with {@link dev.hermod.api.mailbox.SortKey}s is
 *       answered from them, without reading the raw messages.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Methods throw {@link dev.hermod.api.mail.TemporaryFailureException} when storage is unavailable
 * (callers answer SMTP 4xx, IMAP {@code NO [UNAVAILABLE]}, JMAP {@code serverUnavailable}) and
 * {@link dev.hermod.api.mailbox.MailboxException} with a {@link dev.hermod.api.mailbox.MailboxException.Reason}
 * for a request that cannot be done (no such mailbox, name taken, over quota, ...).
 */
@Export
@Version("1.1.0")
package dev.hermod.api.mailbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
