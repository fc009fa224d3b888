package dev.hermod.api.auth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who is trying to log in, as the protocol layer knows it.
 *
 * @param address the client's IP address, for per-address limits and logs
 * @param protocol the protocol, such as {@code imap} or {@code submission}, for logs
 * @param secure whether the connection is protected by TLS (or is on the loopback interface when the
 *        listener is configured to treat it so); plain-text mechanisms are offered only when it is,
 *        unless the configuration allows them
 */
public record ClientInfo(InetAddress address, String protocol, boolean secure) {

    public ClientInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
    }
}
