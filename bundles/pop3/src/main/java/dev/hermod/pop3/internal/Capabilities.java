package dev.hermod.pop3.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAPA response (RFC 2449 §5). Before login it also names STLS (RFC 2595 §4) when TLS can start, USER
 * when plain-text logins are allowed on the connection, and the SASL mechanisms (RFC 5034 §3) offered on it.
 */
final class Capabilities {

    private Capabilities() {
    }

    /** @return the capability lines for the session's current state */
    static List<String> lines(Pop3Session session) {
        List<String> lines = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                "EXPIRE NEVER"));
        if (session.maildrop() == null) {
            List<String> mechanisms = session.listener().authenticator().mechanisms(session.clientInfo());
            if (mechanisms.contains("PLAIN")) {
                lines.add("USER");
            }
            if (!mechanisms.isEmpty()) {
                lines.add("SASL " + String.join(" ", mechanisms));
            }
            if (session.listener().tls() != null && !session.tls()) {
                lines.add("STLS");
            }
        }
        lines.add("IMPLEMENTATION Hermod");
        return lines;
    }
}
