/**
 * Imports and exports of one account, over the core's {@link dev.hermod.api.mailbox.MailStore}
 * ({@link dev.hermod.migration.internal.MailMigrationComponent}), and the {@code etc/} participant of server
 * backups ({@link dev.hermod.migration.internal.EtcFilesParticipant}).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Bytes.</b> Messages are stored as the source had them, except that bare LF line ends become CRLF
 *       (Maildir and mbox files usually have LF; RFC 5322 wants CRLF) and, in mbox, the {@code From } quoting is
 *       undone. Exports write LF, as Maildir and mbox readers expect; a message exported and imported again has
 *       the same bytes.</li>
 *   <li><b>Metadata in mbox.</b> {@code Status}, {@code X-Status}, {@code X-Keywords}, {@code X-UID},
 *       {@code X-IMAP} and {@code X-IMAPbase} are another store's metadata: they become keywords or are dropped on
 *       import, and the export writes the first three for the flags (as mutt and Dovecot do).</li>
 *   <li><b>Roles.</b> A source folder goes into the account's mailbox of a special-use role when its IMAP
 *       special-use attribute says so, else when its name is a well-known one
 *       ({@link dev.hermod.api.migration.FolderRoles}); so "Sent Items" lands in Sent instead of beside it.</li>
 *   <li><b>Dates.</b> Internal dates come from the Maildir file's modification time (as Dovecot keeps it), the
 *       mbox {@code From } line (UTC, to the second) or IMAP INTERNALDATE, and are written back the same ways.</li>
 *   <li><b>Order.</b> Messages are added one at a time in the source's order (Maildir names, mbox position, IMAP
 *       UID), so UIDs keep the source's order.</li>
 *   <li><b>Resuming.</b> An IMAP import saves per folder the UIDVALIDITY and the last UID stored
 *       ({@link dev.hermod.migration.internal.ImportCursors}, under {@code <karaf.data>/hermod/imports}) after every
 *       message; a new run fetches only newer UIDs, and a folder whose UIDVALIDITY changed is imported again. Maildir
 *       and mbox imports do not resume: running one twice adds its messages twice.</li>
 *   <li><b>The IMAP client</b> is Angus Mail (Jakarta Mail), embedded with only its IMAP providers; messages are
 *       fetched with {@code BODY.PEEK[]}, so nothing is marked seen on the source.</li>
 *   <li><b>Memory.</b> An mbox or IMAP message is held in memory while it is added (Maildir files stream).</li>
 * </ul>
 */
package dev.hermod.migration.internal;
