package dev.hermod.api.outbound;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers queued mail to another server: looks up where a domain's mail goes (MX, RFC 5321 §5.1, or a
 * relay host from configuration), connects, and runs one SMTP transaction. Registered by a transport
 * bundle; the core's queue calls it from its own threads, several calls at once.
 *
 * <p>Implementations never throw for what the remote side or the network did: every outcome, including
 * "no route", a refused connection or a timeout, is a {@link TransportResult} with a status per
 * recipient. They throw only for a programming error.
 */
@ConsumerType
public interface OutboundTransport {

    /** Service property naming the transport, e.g. {@code smtp}. */
    String NAME = "name";

    /**
     * Tries to deliver one message to recipients that share a destination domain.
     *
     * @param message the message and its envelope, never {@code null}
     * @return one outcome per recipient of {@code message}, in the same order, never {@code null}
     */
    TransportResult send(OutboundMessage message);
}
