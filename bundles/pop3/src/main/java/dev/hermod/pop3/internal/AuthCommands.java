package dev.hermod.pop3.internal;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.SaslExchange;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The AUTHORIZATION state's commands: USER and PASS (RFC 1939 §7), AUTH (RFC 5034) and STLS (RFC 2595 §4),
 * through the core's Authenticator.
 *
 * <p>Plain-text logins (USER/PASS, AUTH PLAIN) are refused on a connection without TLS unless the
 * Authenticator allows them; USER is refused at once, so the password is never sent in the clear. Failures
 * carry RFC 3206's codes: {@code [AUTH]} for credentials (and for a login that needs TLS first, as other
 * servers answer), {@code [SYS/TEMP]} when the directory or store is down or the address is throttled.
 * After {@code auth.failures.max} failed logins the connection closes.
 */
final class AuthCommands {

    static final Set<String> NAMES = Set.of("USER", "PASS", "AUTH", "STLS", "APOP");

    private AuthCommands() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param args the rest of the line
     * @param session the connection, in AUTHORIZATION state
     * @return the {@code +OK} line, or {@code null} when the command answers later
     */
    static String run(String name, String args, Pop3Session session) {
        return switch (name) {
            case "USER" -> user(args, session);
            case "PASS" -> pass(args, session);
            case "AUTH" -> auth(args, session);
            case "STLS" -> stls(args, session);
            default -> throw Pop3Exception.err("APOP is not supported; use USER and PASS or AUTH over TLS");
        };
    }

    private static String user(String args, Pop3Session session) {
        session.user(null);
        if (args.isBlank()) {
            throw Pop3Exception.err("USER needs a name");
        }
        if (!session.plaintextAllowed()) {
            throw Pop3Exception.err("AUTH", "Plain-text login needs TLS: use STLS first");
        }
        session.user(args.strip());
        return "+OK Send the password";
    }

    private static String pass(String args, Pop3Session session) {
        String user = session.user();
        session.user(null);
        if (user == null) {
            throw Pop3Exception.err("PASS needs USER first");
        }
        // the whole rest of the line: passwords may contain spaces
        outcome(session.listener().authenticator().login(user, args, session.clientInfo()), session);
        return null;
    }

    /** RFC 5034 §4: AUTH mechanism [initial-response]; without arguments, the mechanisms as a list. */
    private static String auth(String args, Pop3Session session) {
        List<String> mechanisms = session.listener().authenticator().mechanisms(session.clientInfo());
        if (args.isBlank()) {
            StringBuilder b = new StringBuilder("+OK Mechanisms follow\r\n");
            mechanisms.forEach(m -> b.append(m).append("\r\n"));
            return b.append('.').toString();
        }
        String[] words = args.strip().split(" +");
        if (words.length > 2) {
            throw Pop3Exception.err("AUTH takes a mechanism and an optional initial response");
        }
        byte[] initial = null;
        if (words.length == 2) {
            initial = words[1].equals("=") ? new byte[0] : base64(words[1]);
        }
        SaslExchange exchange = session.listener().authenticator()
                .start(words[0].toUpperCase(Locale.ROOT), session.clientInfo());
        step(session, exchange, exchange.begin(initial));
        return null;
    }

    private static void step(Pop3Session session, SaslExchange exchange, AuthStep step) {
        if (step instanceof AuthStep.Challenge ch) {
            session.expectContinuation(line -> {
                if (line.equals("*")) {
                    exchange.respond(null);
                    throw Pop3Exception.err("Authentication cancelled");
                }
                byte[] response;
                try {
                    response = base64(line);
                } catch (Pop3Exception e) {
                    exchange.respond(null);
                    throw e;
                }
                step(session, exchange, exchange.respond(response));
            });
            session.reply("+ " + Base64.getEncoder().encodeToString(ch.data()));
            return;
        }
        outcome(step, session);
    }

    private static void outcome(AuthStep step, Pop3Session session) {
        if (step instanceof AuthStep.Success s) {
            session.login(s.principal().name());
            int n = session.maildrop().count();
            session.reply("+OK Logged in, " + n + (n == 1 ? " message" : " messages") + " ("
                    + session.maildrop().size() + " octets)");
            return;
        }
        AuthStep.Failure f = (AuthStep.Failure) step;
        Pop3Exception e = switch (f.reason()) {
            case INVALID_CREDENTIALS -> Pop3Exception.err("AUTH", "Authentication failed");
            case ENCRYPTION_REQUIRED -> Pop3Exception.err("AUTH", "Plain-text login needs TLS: use STLS first");
            case UNSUPPORTED_MECHANISM -> Pop3Exception.err("Unsupported authentication mechanism");
            case MALFORMED -> Pop3Exception.err("Malformed authentication data");
            case CANCELLED -> Pop3Exception.err("Authentication cancelled");
            case TOO_MANY_FAILURES, TEMPORARY_FAILURE -> Pop3Exception.err("SYS/TEMP",
                    "Authentication is temporarily unavailable; try again later");
        };
        if (f.reason() == AuthStep.Reason.INVALID_CREDENTIALS && session.authFailed()) {
            session.close(e.line() + " (too many failures; closing)");
            return;
        }
        throw e;
    }

    private static String stls(String args, Pop3Session session) {
        Pop3Session.noArguments(args);
        if (session.listener().tls() == null) {
            throw Pop3Exception.err("STLS is not available here");
        }
        if (session.tls()) {
            throw Pop3Exception.err("TLS is already active");
        }
        session.user(null);
        session.startTls();
        return null;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw Pop3Exception.err("Invalid base64");
        }
    }
}
