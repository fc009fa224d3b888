/**
 * The IMAP server: IMAP4rev2 (RFC 9051) and IMAP4rev1 (RFC 3501) listeners over the core's
 * {@link dev.hermod.api.mailbox.MailStore} and {@link dev.hermod.api.auth.Authenticator}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link dev.hermod.imap.internal.ImapServer}: one listener per factory configuration of PID
 *       {@code imap}; Netty event loops frame input, a worker pool runs store and directory calls.</li>
 *   <li>{@link dev.hermod.imap.internal.ImapInput}: the streaming framer. It cuts lines and literals
 *       ({@code {n}}, and LITERAL+'s {@code {n+}}, RFC 7888), and stops after each event until the session
 *       resumes it, so pipelined commands run in order. APPEND's message literal is never collected: it
 *       streams through a {@link dev.hermod.imap.internal.LiteralPipe} into {@code MailAccount.append}
 *       as it arrives, with back-pressure on the socket.</li>
 *   <li>{@link dev.hermod.imap.internal.ImapSession}: the state machine of RFC 9051 §3 (not
 *       authenticated, authenticated, selected, logout). It runs on a per-connection
 *       {@link dev.hermod.imap.internal.SerialExecutor}: commands, continuation lines and change
 *       notifications never overlap.</li>
 *   <li>{@link dev.hermod.imap.internal.CommandRegistry} and the {@link dev.hermod.imap.internal.Processor}s,
 *       one class per command family, each reading its grammar from
 *       {@link dev.hermod.imap.internal.Arguments} (BAD for a syntax error; the connection stays
 *       usable).</li>
 *   <li>{@link dev.hermod.imap.internal.SelectedMailbox}: the sequence number to UID map as the client
 *       knows it; after every command, at NOOP and during IDLE it reads the store's change log
 *       ({@code MailAccount.delta}) and sends EXISTS, FETCH FLAGS and, where RFC 9051 §7.5.1 allows it,
 *       EXPUNGE.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>The server advertises {@code IMAP4rev1 IMAP4rev2}; a session is IMAP4rev1 until the client sends
 *       {@code ENABLE IMAP4rev2}. Then: no RECENT in SELECT but its LIST response, SEARCH answers with
 *       ESEARCH, mailbox names and strings are UTF-8. IMAP4rev1 sessions get modified UTF-7 names
 *       (RFC 3501 §5.1.3) unless they enable UTF8=ACCEPT (RFC 6855).</li>
 *   <li>{@code \Recent} is not kept (RFC 9051 dropped it): RECENT counts are 0 and the RECENT and NEW
 *       search keys match nothing.</li>
 *   <li>Internal dates are shown in UTC; SEARCH's BEFORE, ON and SINCE count UTC days.</li>
 *   <li>A mailbox with children cannot be deleted ({@code NO [INUSE]}); the store has no \Noselect
 *       mailboxes.</li>
 * </ul>
 */
package dev.hermod.imap.internal;
