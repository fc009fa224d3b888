package dev.hermod.managesieve.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * What every session of one listener shares: its settings and the services it uses.
 *
 * @param name the listener's name, for logs
 * @param hostname the server's name, for logs and the greeting
 * @param tls the TLS context for STARTTLS or implicit TLS, or {@code null} on a plain listener
 * @param implicitTls whether TLS starts with the connection
 * @param maxLine the longest command line in octets, CRLF included
 * @param maxRedirects the MAXREDIRECTS capability (RFC 5804 §1.7): redirects one script may do
 * @param maxErrors failed commands before the server says BYE
 * @param scripts the users' scripts
 * @param checker compiles scripts as delivery will
 * @param authenticator SASL logins
 * @param executor where store and directory calls run, off the event loop
 */
record Listener(String name, String hostname, SslContext tls, boolean implicitTls, int maxLine, int maxRedirects,
                int maxErrors, SieveScripts scripts, SieveChecker checker, Authenticator authenticator,
                Executor executor) {
}
