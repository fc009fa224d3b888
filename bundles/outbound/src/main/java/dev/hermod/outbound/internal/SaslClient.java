package dev.hermod.outbound.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SMTP AUTH (RFC 4954) with PLAIN (RFC 4616, the credentials as the initial response) or LOGIN (the user name and
 * password each answering a {@code 334} challenge), whichever the server offers, PLAIN first.
 */
final class SaslClient {

    private SaslClient() {
    }

    /**
     * Authenticates.
     *
     * @param connection   the connection, after EHLO (and TLS, unless the policy allows plain text)
     * @param capabilities what EHLO announced
     * @param username     the user name
     * @param password     the password
     * @param timeouts     the command time-out
     * @return the final reply: {@code 235} on success
     * @throws IOException           on a connection error
     * @throws IllegalStateException if the server offers neither PLAIN nor LOGIN (the message says which it offers)
     */
    static Reply authenticate(SmtpConnection connection, Capabilities capabilities, String username, String password,
                              Timeouts timeouts) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        if (capabilities.authMechanisms().contains("PLAIN")) {
            byte[] response = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
            connection.write("AUTH PLAIN " + b64.encodeToString(response));
            connection.flush();
            return connection.read(timeouts.command());
        }
        if (capabilities.authMechanisms().contains("LOGIN")) {
            connection.write("AUTH LOGIN");
            connection.flush();
            Reply reply = connection.read(timeouts.command());
            for (String answer : new String[] {username, password}) {
                if (reply.code() != 334) {
                    return reply;
                }
                connection.write(b64.encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
                connection.flush();
                reply = connection.read(timeouts.command());
            }
            return reply;
        }
        throw new IllegalStateException("the server offers AUTH " + capabilities.authMechanisms()
                + ", neither PLAIN nor LOGIN");
    }
}
