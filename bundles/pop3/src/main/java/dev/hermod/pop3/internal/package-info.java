/**
 * The POP3 server (RFC 1939 with CAPA of RFC 2449, STLS of RFC 2595, AUTH of RFC 5034 and the response codes
 * of RFC 2449 §8 and RFC 3206): users download and delete the messages of their INBOX in the core's
 * {@link dev.hermod.api.mailbox.MailStore}, logging in through the core's
 * {@link dev.hermod.api.auth.Authenticator}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link dev.hermod.pop3.internal.Pop3Server}: one listener per factory configuration of PID
 *       {@code pop3} ({@code etc/pop3-default.cfg}, port 1110, STLS; {@code etc/pop3-tls.cfg}, implicit
 *       TLS); Netty event loops frame input, a small worker pool runs store and directory calls.</li>
 *   <li>{@link dev.hermod.net.support.LineFramer}: the framer; it stops after each line until the session
 *       resumes it, so pipelined commands run in order.</li>
 *   <li>{@link dev.hermod.pop3.internal.Pop3Session}: the connection's state on a per-connection
 *       {@link dev.hermod.net.support.SerialExecutor}; the commands in
 *       {@link dev.hermod.pop3.internal.AuthCommands} and {@link dev.hermod.pop3.internal.MaildropCommands};
 *       the session's messages in a {@link dev.hermod.pop3.internal.Maildrop}; message bodies through a
 *       {@link dev.hermod.pop3.internal.DotStuffer}.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>The maildrop is the INBOX as it was at login, in UID order. Numbers stay fixed for the session
 *       (RFC 1939 §5) whatever IMAP, JMAP or delivery do meanwhile; new mail shows at the next login, and a
 *       message removed elsewhere answers {@code -ERR} to RETR and TOP.</li>
 *   <li>No maildrop lock, so no {@code [IN-USE]}: sessions of one account (POP3 or IMAP, on any node) share
 *       the INBOX, as the store keeps no per-node state. Deleting a message another session already
 *       removed is not an error at QUIT.</li>
 *   <li>UIDL is {@code <UIDVALIDITY>.<UID>} of the INBOX: unique and stable across sessions (RFC 1939
 *       §7).</li>
 *   <li>At QUIT (the UPDATE state, RFC 1939 §6) the messages marked with DELE leave the INBOX: one that is
 *       only there is destroyed, one also in another mailbox stays in that one. Its keywords are not touched,
 *       so IMAP sees no {@code \Deleted} anywhere. A connection that ends without QUIT changes nothing.</li>
 *   <li>Messages retrieved with RETR (not TOP) get {@code \Seen} at QUIT, as IMAP users expect after a POP3
 *       client downloaded them; {@code seen.on.retr = false} turns that off.</li>
 *   <li>Messages go out as stored, with lines starting with {@code .} stuffed; a bare LF would go out as
 *       CRLF. LIST and STAT give stored sizes, which equal what is sent for messages stored with CRLF (RFC
 *       1939 §11 allows the difference dot-stuffing makes).</li>
 *   <li>USER/PASS and AUTH PLAIN need TLS (STLS or the TLS port) unless the Authenticator allows plain-text
 *       logins without it; USER is refused before the password is sent. APOP is not offered: it needs
 *       the clear-text password on the server.</li>
 * </ul>
 */
package dev.hermod.pop3.internal;
