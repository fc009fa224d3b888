package dev.hermod.imap.internal;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.SaslExchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * STARTTLS (RFC 9051 §6.2.1), LOGIN (§6.2.3), AUTHENTICATE (§6.2.2) with SASL-IR (RFC 4959), through the
 * core's Authenticator, and ENABLE (RFC 5161) of IMAP4rev2, UTF8=ACCEPT (RFC 6855) and CONDSTORE
 * (RFC 7162).
 */
final class AuthProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("STARTTLS", "LOGIN", "AUTHENTICATE", "ENABLE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return name.equals("ENABLE") ? state == SessionState.AUTHENTICATED : state == SessionState.NOT_AUTHENTICATED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        return switch (c.name()) {
            case "STARTTLS" -> startTls(c, session);
            case "LOGIN" -> login(c, session);
            case "AUTHENTICATE" -> authenticate(c, session);
            default -> enable(c, session);
        };
    }

    private static String startTls(Command c, ImapSession session) {
        c.args().end();
        if (session.listener().tls() == null || session.tls()) {
            throw ImapException.no(null, session.tls() ? "TLS is already active" : "STARTTLS is not available here");
        }
        session.flush();
        session.onEventLoop(() -> {
            var ctx = session.context();
            SslHandler ssl = session.listener().tls().newHandler(ctx.alloc());
            ctx.writeAndFlush(Unpooled.wrappedBuffer((c.tag() + " OK Begin TLS negotiation now\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ctx.pipeline().addFirst("tls", ssl);
            // RFC 9051 §6.2.1: anything the client sent before the handshake is discarded
            session.input().discardBuffered();
            session.input().resume();
        });
        return null;
    }

    private static String login(Command c, ImapSession session) {
        String user = c.args().astring();
        c.args().space();
        String password = c.args().astring();
        c.args().end();
        return outcome(session.listener().authenticator().login(user, password, session.clientInfo()), session);
    }

    private static String authenticate(Command c, ImapSession session) {
        String mechanism = c.args().atom().toUpperCase(Locale.ROOT);
        byte[] initial = null;
        if (c.args().skip(' ')) {
            String ir = c.args().atom("=");
            initial = ir.equals("=") ? new byte[0] : base64(ir);
        }
        c.args().end();
        SaslExchange exchange = session.listener().authenticator().start(mechanism, session.clientInfo());
        step(c, session, exchange, exchange.begin(initial));
        return null;
    }

    private static void step(Command c, ImapSession session, SaslExchange exchange, AuthStep step) {
        if (step instanceof AuthStep.Challenge ch) {
            session.send("+ " + Base64.getEncoder().encodeToString(ch.data()));
            session.expectContinuation(line -> {
                try {
                    if (line.equals("*")) {
                        // RFC 9051 §6.2.2: a cancelled exchange ends with BAD
                        exchange.respond(null);
                        throw ImapException.bad("AUTHENTICATE cancelled");
                    }
                    step(c, session, exchange, exchange.respond(base64(line)));
                } catch (RuntimeException e) {
                    session.fail(c.tag(), e, true);
                    session.resume();
                }
            });
            session.resume();
            return;
        }
        session.complete(c, outcome(step, session));
    }

    /** The tagged OK text of a successful login, or the NO of a failed one. */
    private static String outcome(AuthStep step, ImapSession session) {
        if (step instanceof AuthStep.Success s) {
            session.login(session.listener().store().account(s.principal().name()));
            return "[CAPABILITY " + session.capabilities() + "] Logged in";
        }
        AuthStep.Failure f = (AuthStep.Failure) step;
        throw switch (f.reason()) {
            case INVALID_CREDENTIALS -> ImapException.no("AUTHENTICATIONFAILED", "Invalid credentials");
            case ENCRYPTION_REQUIRED -> ImapException.no("PRIVACYREQUIRED", "Use STARTTLS or the TLS port first");
            case UNSUPPORTED_MECHANISM -> ImapException.no("CANNOT", "Unsupported authentication mechanism");
            case MALFORMED -> ImapException.bad("Malformed authentication data");
            case CANCELLED -> ImapException.bad("AUTHENTICATE cancelled");
            case TOO_MANY_FAILURES, TEMPORARY_FAILURE -> ImapException.no("UNAVAILABLE",
                    "Authentication is temporarily unavailable; try again later");
        };
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw ImapException.bad("Invalid base64");
        }
    }

    private static String enable(Command c, ImapSession session) {
        List<String> enabled = new ArrayList<>();
        do {
            String cap = c.args().atom().toUpperCase(Locale.ROOT);
            switch (cap) {
                case "IMAP4REV2" -> {
                    if (!session.rev2()) {
                        session.enableRev2();
                        enabled.add("IMAP4rev2");
                    }
                }
                case "UTF8=ACCEPT" -> {
                    if (!session.utf8()) {
                        session.enableUtf8();
                        enabled.add("UTF8=ACCEPT");
                    }
                }
                case "QRESYNC" -> {
                    if (!session.qresync()) {
                        if (!session.condstore()) {
                            enabled.add("CONDSTORE");
                        }
                        session.enableQresync();
                        enabled.add("QRESYNC");
                    }
                }
                case "CONDSTORE" -> {
                    if (!session.condstore()) {
                        session.enableCondstore();
                        enabled.add("CONDSTORE");
                    }
                }
                default -> {
                    // RFC 5161 §3.1: unknown capabilities are ignored
                }
            }
        } while (c.args().skip(' '));
        c.args().end();
        session.send("* ENABLED" + (enabled.isEmpty() ? "" : " " + String.join(" ", enabled)));
        return "ENABLE completed";
    }
}
