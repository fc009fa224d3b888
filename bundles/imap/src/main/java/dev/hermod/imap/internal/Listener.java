package dev.hermod.imap.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.mailbox.MailStore;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * What every session of one listener shares: its settings and the services it uses.
 *
 * @param name the listener's name, for logs
 * @param hostname the server's name in the greeting
 * @param tls the TLS context for STARTTLS or implicit TLS, or {@code null} on a plain listener
 * @param implicitTls whether TLS starts with the connection
 * @param maxLine the longest command line in octets, CRLF included
 * @param maxLiteral the most octets of literals one command other than APPEND may carry
 * @param maxMessage the largest message APPEND accepts in octets (RFC 7889 APPENDLIMIT); 0 for no limit
 * @param loginTimeout seconds a client may stay connected without logging in
 * @param store the mail store
 * @param authenticator logins
 * @param executor where store and directory calls run, off the event loop
 * @param uploads where APPEND literals are read into the store while they arrive, one thread each
 */
record Listener(String name, String hostname, SslContext tls, boolean implicitTls, int maxLine, int maxLiteral,
                long maxMessage, int loginTimeout, MailStore store, Authenticator authenticator, Executor executor,
                UploadExecutor uploads) {
}
