package dev.hermod.core.internal.queue;

import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.delivery.DeliveryReport;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued mail for this server's own domains (notably delivery status notifications to a local
 * sender) through the core's {@link Delivery}, with the queue's retries when it fails temporarily.
 */
final class LocalRoute implements OutboundTransport {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRoute.class);

    private final Delivery delivery;

    LocalRoute(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public TransportResult send(OutboundMessage message) {
        try (InputStream in = message.content().open()) {
            DeliveryReport report = delivery.deliver(message.from(), message.recipients(), in, null);
            List<Outcome> outcomes = new ArrayList<>();
            for (DeliveryReport.RecipientResult r : report.results()) {
                Status status = switch (r.status()) {
                    case DELIVERED -> Status.DELIVERED;
                    case TEMPORARY_FAILURE -> Status.TEMPORARY_FAILURE;
                    case PERMANENT_FAILURE -> Status.PERMANENT_FAILURE;
                };
                outcomes.add(new Outcome(r.recipient(), status, r.reply(), null));
            }
            return new TransportResult(outcomes, null);
        } catch (IOException | TemporaryFailureException e) {
            LOG.warn("Queue entry {}: local delivery deferred: {}", message.id(), e.getMessage());
            return allTemporary(message.recipients(), "Local delivery temporarily unavailable");
        }
    }

    static TransportResult allTemporary(List<Address> recipients, String why) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Address r : recipients) {
            outcomes.add(new Outcome(r, Status.TEMPORARY_FAILURE, new SmtpReply(451, "4.3.0", why), null));
        }
        return new TransportResult(outcomes, null);
    }
}
