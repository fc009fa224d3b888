package dev.hermod.api.server;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One running protocol listener (an SMTP MTA port, an IMAP TLS port, the HTTP server, ...).
 *
 * <p>A protocol bundle registers one service of this type per listener it has bound, typically one per
 * factory configuration, and unregisters it when the listener closes. The core tracks these services to
 * report listeners in {@code hermod:status}; nothing else is driven through this interface.
 *
 * <p>Service properties a provider should set:
 * <ul>
 *   <li>{@value #PROTOCOL} — the protocol name, as {@link #protocol()};</li>
 *   <li>{@value #NAME} — the listener's name, as {@link #name()}.</li>
 * </ul>
 *
 * <p>Implementations must be thread safe; every method is cheap and never blocks.
 */
@ConsumerType
public interface ProtocolServer {

    /** Service property carrying {@link #protocol()}. */
    String PROTOCOL = "hermod.protocol";

    /** Service property carrying {@link #name()}. */
    String NAME = "hermod.listener";

    /**
     * The protocol this listener speaks, in lower case: {@code smtp}, {@code submission}, {@code lmtp},
     * {@code imap}, {@code pop3}, {@code managesieve} or {@code http}; third-party listeners pick their own.
     *
     * @return the protocol name, never {@code null}
     */
    String protocol();

    /**
     * The listener's name, unique per protocol: for a factory configuration {@code smtp-submission.cfg}
     * it is {@code submission}.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * The local address the listener is bound to, with the port actually bound (never 0 once bound).
     *
     * @return the bound address, never {@code null}
     */
    InetSocketAddress address();

    /**
     * How the listener secures connections.
     *
     * @return the transport security, never {@code null}
     */
    TransportSecurity security();

    /** How a listener secures its connections. */
    enum TransportSecurity {
        /** Plain text only. */
        NONE,
        /** Plain text, upgraded with STARTTLS (or STLS) on request. */
        STARTTLS,
        /** TLS from the first byte. */
        IMPLICIT_TLS
    }
}
