package dev.hermod.managesieve.internal;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.SaslExchange;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * STARTTLS (RFC 5804 §2.2), AUTHENTICATE (§2.1) through the core's Authenticator, and UNAUTHENTICATE
 * (§2.14.1).
 *
 * <p>AUTHENTICATE takes the mechanism and an optional initial response, both strings; each server challenge
 * is a string of base64, and each client response a string of base64 ({@code "*"} cancels, which ends in
 * NO). Plain-text mechanisms are refused on a connection without TLS unless the Authenticator allows them:
 * it decides from {@code ClientInfo.secure()}, and the answer is {@code NO (ENCRYPT-NEEDED)}.
 */
final class AuthCommands {

    private AuthCommands() {
    }

    /**
     * @param name STARTTLS, AUTHENTICATE or UNAUTHENTICATE
     * @param args the arguments after the name
     * @param session the connection
     * @return the OK line, or {@code null} when the command answers later
     */
    static String run(String name, Arguments args, ManageSieveSession session) {
        return switch (name) {
            case "STARTTLS" -> startTls(args, session);
            case "AUTHENTICATE" -> authenticate(args, session);
            default -> unauthenticate(args, session);
        };
    }

    private static String startTls(Arguments args, ManageSieveSession session) {
        args.end();
        if (session.account() != null) {
            throw ManageSieveException.no("STARTTLS is valid only before authentication");
        }
        if (session.listener().tls() == null || session.tls()) {
            throw ManageSieveException.no(session.tls() ? "TLS is already active" : "STARTTLS is not available here");
        }
        session.startTls();
        return null;
    }

    private static String unauthenticate(Arguments args, ManageSieveSession session) {
        args.end();
        // RFC 5804 §2.14.1: back to the non-authenticated state; TLS stays
        session.account(null);
        return Wire.response("OK", null, "Unauthenticated");
    }

    private static String authenticate(Arguments args, ManageSieveSession session) {
        if (session.account() != null) {
            throw ManageSieveException.no("Already authenticated");
        }
        String mechanism = args.string().toUpperCase(Locale.ROOT);
        byte[] initial = null;
        if (!args.atEnd()) {
            args.space();
            initial = base64(args.string());
        }
        args.end();
        SaslExchange exchange = session.listener().authenticator().start(mechanism, session.clientInfo());
        step(session, exchange, exchange.begin(initial));
        return null;
    }

    private static void step(ManageSieveSession session, SaslExchange exchange, AuthStep step) {
        if (step instanceof AuthStep.Challenge ch) {
            session.send(Wire.string(Base64.getEncoder().encodeToString(ch.data())));
            session.expectContinuation(parts -> {
                try {
                    String response = response(parts);
                    if (response.equals("*")) {
                        exchange.respond(null);
                        throw ManageSieveException.no("Authentication cancelled");
                    }
                    step(session, exchange, exchange.respond(base64(response)));
                } catch (ManageSieveException e) {
                    session.failed(e);
                } catch (RuntimeException e) {
                    session.failed(ManageSieveException.no("TRYLATER", "Authentication failed; try again later"));
                }
            });
            session.resume();
            return;
        }
        session.complete(outcome(step, session));
    }

    /** The client's response: one string, quoted or literal. */
    private static String response(List<Object> parts) {
        Arguments args = new Arguments(parts);
        String s = args.string();
        args.end();
        return s;
    }

    private static String outcome(AuthStep step, ManageSieveSession session) {
        if (step instanceof AuthStep.Success s) {
            session.account(s.principal().name());
            return Wire.response("OK", null, "Logged in");
        }
        AuthStep.Failure f = (AuthStep.Failure) step;
        throw switch (f.reason()) {
            case INVALID_CREDENTIALS -> ManageSieveException.no("Authentication failed");
            case ENCRYPTION_REQUIRED -> ManageSieveException.no("ENCRYPT-NEEDED",
                    "Use STARTTLS first for this mechanism");
            case UNSUPPORTED_MECHANISM -> ManageSieveException.no("Unsupported authentication mechanism");
            case MALFORMED -> ManageSieveException.no("Malformed authentication data");
            case CANCELLED -> ManageSieveException.no("Authentication cancelled");
            case TOO_MANY_FAILURES, TEMPORARY_FAILURE -> ManageSieveException.no("TRYLATER",
                    "Authentication is temporarily unavailable; try again later");
        };
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw ManageSieveException.no("Invalid base64");
        }
    }
}
