/**
 * The IMAP server: IMAP4rev2 (RFC 9051) and IMAP4rev1 (RFC 3501) listeners over the core's
 * {@link dev.hermod.api.mailbox.MailStore} and {@link dev.hermod.api.auth.Authenticator}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link dev.hermod.imap.internal.ImapServer}: one listener per factory configuration of PID
 *       {@code imap} ({@code etc/imap-default.cfg}, STARTTLS; {@code etc/imap-tls.cfg}, implicit TLS);
 *       Netty event loops frame input, a worker pool ({@code workers}) runs store and directory calls.</li>
 *   <li>{@link dev.hermod.imap.internal.ImapInput}: the streaming framer. It cuts lines and literals
 *       ({@code {n}}, LITERAL+'s {@code {n+}} of RFC 7888, BINARY's {@code ~{n}}) and stops after each
 *       event until the session resumes it, so pipelined commands run in order. APPEND's message literal
 *       is never collected: it streams through a {@link dev.hermod.imap.internal.LiteralPipe} into
 *       {@code MailAccount.append} as it arrives, with back-pressure on the socket (256 KiB in flight), on
 *       a thread of the {@link dev.hermod.imap.internal.UploadExecutor} ({@code uploads.max} at a time), so a
 *       slow client never holds a shared worker.</li>
 *   <li>{@link dev.hermod.imap.internal.ImapSession}: the state machine of RFC 9051 §3 (not
 *       authenticated, authenticated, selected, logout). It runs on a per-connection
 *       {@link dev.hermod.net.support.SerialExecutor}: commands, continuation lines and change
 *       notifications never overlap. Large responses wait for the client to read (Netty's writability),
 *       and FETCH streams message ranges in 64 KiB chunks.</li>
 *   <li>{@link dev.hermod.imap.internal.CommandRegistry} and the {@link dev.hermod.imap.internal.Processor}s,
 *       one class per command family, each reading its grammar from
 *       {@link dev.hermod.imap.internal.Arguments} (BAD for a syntax error; the connection stays
 *       usable).</li>
 *   <li>{@link dev.hermod.imap.internal.SelectedMailbox}: the sequence number to UID map as the client
 *       knows it, kept in a compact {@link dev.hermod.imap.internal.MessageList}; after every command, at
 *       NOOP and during IDLE it reads the store's change log ({@code MailAccount.delta}) and sends EXISTS,
 *       FETCH FLAGS and, where RFC 9051 §7.5.1 allows it, EXPUNGE (VANISHED with QRESYNC).</li>
 * </ul>
 *
 * <h2>What it implements</h2>
 * CAPABILITY, NOOP, LOGOUT, ID, STARTTLS, LOGIN, AUTHENTICATE (the Authenticator's mechanisms, SASL-IR),
 * ENABLE, UNAUTHENTICATE, SELECT, EXAMINE, CREATE (CREATE-SPECIAL-USE), DELETE, RENAME (INBOX too),
 * SUBSCRIBE, UNSUBSCRIBE, LIST (LIST-EXTENDED, LIST-STATUS, SPECIAL-USE, CHILDREN), LSUB, NAMESPACE,
 * STATUS (STATUS=SIZE, DELETED, HIGHESTMODSEQ, MAILBOXID), APPEND (MULTIAPPEND, LITERAL+, APPENDLIMIT),
 * IDLE, CHECK, CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE (UIDPLUS), SEARCH (ESEARCH, SEARCHRES, WITHIN,
 * MODSEQ, EMAILID, THREADID; charsets UTF-8 and US-ASCII), FETCH (all of RFC 9051's items, BINARY,
 * PREVIEW, MODSEQ, EMAILID, THREADID, CHANGEDSINCE, VANISHED), STORE (UNCHANGEDSINCE), COPY, MOVE, the UID
 * forms, SORT (SORT=DISPLAY), THREAD (ORDEREDSUBJECT, REFERENCES), CONDSTORE, QRESYNC, QUOTA (GETQUOTA,
 * GETQUOTAROOT), UTF8=ACCEPT and COMPRESS=DEFLATE.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>The server advertises {@code IMAP4rev1 IMAP4rev2}; a session is IMAP4rev1 until the client sends
 *       {@code ENABLE IMAP4rev2}. Then: no RECENT in SELECT but its LIST response, SEARCH answers with
 *       ESEARCH, mailbox names and strings are UTF-8. IMAP4rev1 sessions get modified UTF-7 names
 *       (RFC 3501 §5.1.3) and RFC 2047-encoded display names unless they enable UTF8=ACCEPT (RFC 6855).</li>
 *   <li>{@code \Recent} (RFC 3501 §2.3.2): the store keeps per mailbox the highest UID already told to a
 *       session as recent; an IMAP4rev1 session that selects read-write claims the messages above it in one
 *       transaction (at SELECT and when new ones arrive) and shows them with {@code \Recent}, in RECENT
 *       counts and for SEARCH RECENT/NEW/OLD. IMAP4rev2 sessions (RFC 9051 dropped the flag) and EXAMINE
 *       claim nothing. STATUS RECENT counts the messages no session has claimed yet.</li>
 *   <li>Internal dates are shown in UTC; SEARCH's BEFORE, ON and SINCE count UTC days.</li>
 *   <li>A mailbox with children cannot be deleted ({@code NO [INUSE]}): the store has no \Noselect
 *       mailboxes.</li>
 *   <li>MULTIAPPEND adds the messages one by one and destroys the ones added when a later one fails: all
 *       or nothing, though another session may glimpse them meanwhile.</li>
 *   <li>One quota root, {@code ""}, per account, limits from the directory (SETQUOTA is refused).</li>
 *   <li>No ACL yet: the store has no mailboxes shared between accounts, so every mailbox is its owner's
 *       alone.</li>
 *   <li>Limits: {@code line.max.length} (64 KiB), {@code literal.max.size} (1 MiB for a command's
 *       literals other than APPEND's message; 8 KiB before login), {@code message.max.size} (50 MiB,
 *       APPENDLIMIT), {@code connections.per.ip} (50), {@code login.timeout} (60 s), {@code idle.timeout}
 *       (1800 s, RFC 9051 §5.4), {@code uploads.max} (64 APPENDs receiving at once; then NO [UNAVAILABLE]),
 *       {@code workers} (8).</li>
 * </ul>
 *
 * <h2>Measured</h2>
 * 5,000 connections logged in, INBOX of 100 messages selected, in IDLE: 9.2 KiB of server heap each;
 * one delivery reaches all of them (EXISTS read by every client) in 144 ms, on 2 cores
 * ({@code IdleConnectionsBenchmark}).
 */
package dev.hermod.imap.internal;
