package dev.hermod.api.migration;

import java.util.Objects;

/**
 * An IMAP account to import from.
 *
 * @param host      the server's host name or address
 * @param port      its port, such as 993 or 143
 * @param security  how to secure the connection
 * @param user      the login name
 * @param password  the password (sent with LOGIN or AUTHENTICATE PLAIN); not logged, not stored
 * @param trustAll  whether to accept any TLS certificate (a migration from a server with a self-signed one)
 */
public record ImapSource(String host, int port, Security security, String user, String password, boolean trustAll) {

    /** Transport security of the connection. */
    public enum Security {
        /** Plain text: only for a server on the same machine or network. */
        NONE,
        /** STARTTLS on the plain port, required. */
        STARTTLS,
        /** Implicit TLS, port 993. */
        TLS
    }

    public ImapSource {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return "ImapSource[" + user + "@" + host + ":" + port + ", " + security + "]";
    }
}
