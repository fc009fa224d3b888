package dev.hermod.pop3.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.mailbox.MailStore;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * What every session of one listener shares: its settings and the services it uses.
 *
 * @param name the listener's name, for logs
 * @param hostname the server's name, for the greeting
 * @param tls the TLS context for STLS or implicit TLS, or {@code null} on a plain listener
 * @param implicitTls whether TLS starts with the connection
 * @param maxLine the longest command line in octets, CRLF included
 * @param maxAuthFailures failed logins before the server closes the connection
 * @param seenOnRetr whether messages retrieved with RETR get {@code $seen} at QUIT
 * @param store the accounts' mail
 * @param authenticator logins
 * @param executor where store and directory calls run, off the event loop
 */
record Listener(String name, String hostname, SslContext tls, boolean implicitTls, int maxLine, int maxAuthFailures,
                boolean seenOnRetr, MailStore store, Authenticator authenticator, Executor executor) {
}
