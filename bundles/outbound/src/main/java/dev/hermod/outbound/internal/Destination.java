package dev.hermod.outbound.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address of one host to try, e.g. {@code mx1.example.com [192.0.2.7]:25}.
 *
 * @param host    the host's name as the route gave it (MX exchange, relay host or the domain itself), used for
 *                certificate checks and SNI; never {@code null}
 * @param address the address to connect to, never {@code null}
 * @param port    the TCP port
 */
record Destination(String host, InetAddress address, int port) {

    /** Checks. */
    Destination {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** @return the socket address to connect to */
    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** @return {@code host [address]} as in a {@code Received} field or a DSN's Remote-MTA, port omitted when 25 */
    @Override
    public String toString() {
        String text = host + " [" + address.getHostAddress() + "]";
        return port == 25 ? text : text + ":" + port;
    }
}
