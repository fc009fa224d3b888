package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport answering per recipient what the test scripted (accepting by default), and noting each call. */
final class ScriptedTransport implements OutboundTransport {

    /** One call: the message and its bytes as read. */
    record Call(OutboundMessage message, byte[] content) {
    }

    private final Map<Address, Deque<SmtpReply>> script = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile long delayMillis;

    /** Replies for a recipient's next attempts, in order; after them it is accepted. */
    ScriptedTransport reply(String recipient, String... replies) {
        Deque<SmtpReply> queue = script.computeIfAbsent(Address.parse(recipient), r -> new ArrayDeque<>());
        synchronized (queue) {
            for (String r : replies) {
                String[] parts = r.split(" ", 3);
                queue.add(new SmtpReply(Integer.parseInt(parts[0]), parts[1], parts.length > 2 ? parts[2] : ""));
            }
        }
        return this;
    }

    @Override
    public TransportResult send(OutboundMessage message) {
        byte[] content;
        try (InputStream in = message.content().open()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        calls.add(new Call(message, content));
        List<Outcome> outcomes = new ArrayList<>();
        for (Address r : message.recipients()) {
            Deque<SmtpReply> queue = script.get(r);
            SmtpReply reply = null;
            if (queue != null) {
                synchronized (queue) {
                    reply = queue.poll();
                }
            }
            if (reply == null) {
                reply = new SmtpReply(250, "2.0.0", "Ok: queued as X");
            }
            Status status = reply.isPositive() ? Status.DELIVERED
                    : reply.isTransient() ? Status.TEMPORARY_FAILURE : Status.PERMANENT_FAILURE;
            outcomes.add(new Outcome(r, status, reply, "mx." + message.domain() + " [192.0.2.7]"));
        }
        return new TransportResult(outcomes, "mx." + message.domain() + " [192.0.2.7]");
    }

    /** @return the calls for one recipient */
    List<Call> callsFor(String recipient) {
        Address a = Address.parse(recipient);
        return calls.stream().filter(c -> c.message().recipients().contains(a)).toList();
    }
}
