package dev.hermod.net.support;

import dev.hermod.api.server.ProtocolServer.TransportSecurity;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How a listener secures its connections, from its configuration: the transport security, the host name it
 * greets with and its TLS context (none for {@code security = none}).
 *
 * @param security the transport security
 * @param hostname the configured host name, or this host's name
 * @param tls      the server TLS context, or {@code null} without TLS
 */
public record ListenerSecurity(TransportSecurity security, String hostname, SslContext tls) {

    /**
     * @param security    {@code none}, {@code starttls} or {@code implicit_tls}, any case
     * @param hostname    the configured host name, blank for this host's name
     * @param certificate the PEM certificate chain, blank for a kept self-signed certificate
     *                    ({@link TlsContexts#of})
     * @param key         the PEM private key of {@code certificate}
     * @return the listener's security
     * @throws IllegalArgumentException if {@code security} is none of those
     * @throws UnknownHostException     if the host name is blank and this host's name cannot be found
     */
    public static ListenerSecurity of(String security, String hostname, String certificate, String key)
            throws Exception {
        TransportSecurity s = TransportSecurity.valueOf(security.toUpperCase(Locale.ROOT));
        String name = hostname.isBlank() ? InetAddress.getLocalHost().getHostName() : hostname;
        return new ListenerSecurity(s, name, s == TransportSecurity.NONE ? null : TlsContexts.of(certificate, key, name));
    }

    /** @return whether connections start with TLS */
    public boolean implicitTls() {
        return security == TransportSecurity.IMPLICIT_TLS;
    }

    /** Puts the TLS handler first in a new connection's pipeline when the listener uses implicit TLS. */
    public void addImplicitTls(SocketChannel channel) {
        if (implicitTls()) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
    }
}
