package dev.hermod.api.outbound;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.Objects;

/**
 * What came of one {@link OutboundTransport#send} call.
 *
 * @param outcomes one per recipient, in the order of the message's recipients; copied, never {@code null}
 * @param remoteHost the host that answered last (name and address, e.g. {@code mx1.example.com
 *                   [192.0.2.7]}), or {@code null} when no connection was made
 */
public record TransportResult(List<Outcome> outcomes, String remoteHost) {

    /**
     * Checks and copies.
     *
     * @param outcomes   one per recipient
     * @param remoteHost the remote host, or {@code null}
     */
    public TransportResult {
        outcomes = List.copyOf(outcomes);
    }

    /** How delivery to a recipient ended. */
    public enum Status {
        /** The remote side accepted the message for this recipient (2xx after DATA). */
        DELIVERED,
        /** Try again later: 4xx, no connection, timeout, or TLS required and not available. */
        TEMPORARY_FAILURE,
        /** Never as sent: 5xx, null MX (RFC 7505), no such domain. The queue bounces it. */
        PERMANENT_FAILURE
    }

    /**
     * One recipient's outcome.
     *
     * @param recipient the recipient, never {@code null}
     * @param status    the status, never {@code null}
     * @param reply     the remote reply that decided it, or one the transport made up for a local reason
     *                  (e.g. {@code 451 4.4.1 No answer from host}); never {@code null}
     * @param remoteMta the host that gave {@code reply}, or {@code null} (for the DSN's Remote-MTA field,
     *                  RFC 3464 §2.3.5)
     */
    public record Outcome(Address recipient, Status status, SmtpReply reply, String remoteMta) {

        /**
         * Checks the components.
         *
         * @param recipient the recipient
         * @param status    the status
         * @param reply     the reply
         * @param remoteMta the remote host or {@code null}
         */
        public Outcome {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
