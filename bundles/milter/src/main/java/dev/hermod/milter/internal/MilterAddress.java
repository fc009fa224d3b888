package dev.hermod.milter.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a milter listens, as written in its configuration: {@code inet:host:port}, {@code inet:[v6]:port},
 * Sendmail's {@code inet:port@host} and {@code inet6:port@host}, or {@code unix:/path} (also
 * {@code local:/path}, or a bare absolute path).
 *
 * @param text the address as configured, for logs; never {@code null}
 * @param host the host name or IP address, or {@code null} for a Unix domain socket
 * @param port the TCP port, or {@code 0} for a Unix domain socket
 * @param path the socket file, or {@code null} for a TCP address
 */
record MilterAddress(String text, String host, int port, Path path) {

    /**
     * @param text the address as configured, never {@code null}
     * @param host the host, or {@code null} for a Unix domain socket
     * @param port the port, or {@code 0} for a Unix domain socket
     * @param path the socket file, or {@code null} for a TCP address
     */
    MilterAddress {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses an address.
     *
     * @param text the configured address, not {@code null}
     * @return the address, never {@code null}
     * @throws IllegalArgumentException if it is not one of the forms above
     */
    static MilterAddress parse(String text) {
        String s = Objects.requireNonNull(text, "address").strip();
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("/")) {
            return new MilterAddress(s, null, 0, Path.of(s));
        }
        String rest = s.substring(colon + 1);
        switch (scheme) {
            case "unix", "local" -> {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("milter address '" + text + "' names no socket file");
                }
                return new MilterAddress(s, null, 0, Path.of(rest));
            }
            case "inet", "inet6" -> {
                String host;
                String port;
                int at = rest.indexOf('@');
                if (at >= 0) {                                   // Sendmail: inet:port@host
                    port = rest.substring(0, at);
                    host = rest.substring(at + 1);
                } else if (rest.startsWith("[")) {               // inet:[::1]:port
                    int close = rest.indexOf(']');
                    if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("milter address '" + text + "': use inet:[v6]:port");
                    }
                    host = rest.substring(1, close);
                    port = rest.substring(close + 2);
                } else {                                         // inet:host:port
                    int last = rest.lastIndexOf(':');
                    if (last < 0) {
                        throw new IllegalArgumentException("milter address '" + text + "' has no port");
                    }
                    host = rest.substring(0, last);
                    port = rest.substring(last + 1);
                }
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                int p;
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("milter address '" + text + "': bad port '" + port + "'", e);
                }
                if (host.isEmpty() || p < 1 || p > 65535) {
                    throw new IllegalArgumentException("milter address '" + text + "' needs a host and a port 1..65535");
                }
                return new MilterAddress(s, host, p, null);
            }
            default -> throw new IllegalArgumentException("milter address '" + text
                    + "': use inet:host:port, inet:port@host or unix:/path");
        }
    }

    /** @return whether this is a Unix domain socket */
    boolean isUnix() {
        return path != null;
    }

    /** @return the socket address to connect to (resolving the host name now, which may block) */
    SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return text;
    }
}
