package dev.hermod.api.admin;

import dev.hermod.api.server.ProtocolServer.TransportSecurity;
import java.util.Objects;

/**
 * One protocol listener.
 *
 * @param protocol the protocol, such as {@code imap}
 * @param name the listener's name, such as {@code submission}
 * @param address the bound address as {@code host:port}, IPv6 hosts in brackets
 * @param security how the listener secures connections
 * @param bundleSymbolicName the bundle that runs the listener
 */
public record ListenerInfo(String protocol, String name, String address, TransportSecurity security,
        String bundleSymbolicName) {

    public ListenerInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
    }
}
