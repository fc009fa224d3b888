package dev.hermod.sieve.internal;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.FilterState;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.outbound.OutboundQueue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a Sieve run asks of the outside world: {@code redirect} (RFC 5228 §4.2) and
 * {@code vacation} (RFC 5230), both through the outbound queue (which delivers local addresses itself).
 * Vacation replies follow RFC 5230 §4.5–§5: none to the null sender, to mailing lists, bulk or
 * auto-submitted mail, or when the recipient is not among the message's To/Cc addresses; one per sender
 * and handle within the period, remembered in {@link FilterState}; sent from {@code <>} with
 * {@code Auto-Submitted: auto-replied}.
 */
final class OutboundActions {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundActions.class);

    private final Supplier<OutboundQueue> queue;
    private final Supplier<FilterState> state;
    private final String hostname;

    OutboundActions(Supplier<OutboundQueue> queue, Supplier<FilterState> state, String hostname) {
        this.queue = queue;
        this.state = state;
        this.hostname = hostname;
    }

    /**
     * Sends the run's redirects and vacation reply.
     *
     * @return whether every redirect was queued (so a redirect without {@code :copy} may drop the local copy)
     */
    boolean carryOut(SieveResult result, DeliveryContext delivery, SieveMessage message, byte[] bytes) {
        List<SieveAction.Redirect> redirects = new ArrayList<>();
        List<SieveAction.Vacation> vacations = new ArrayList<>();
        List<SieveAction.Notify> notifications = new ArrayList<>();
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.Redirect r) {
                redirects.add(r);
            } else if (a instanceof SieveAction.Vacation v) {
                vacations.add(v);
            } else if (a instanceof SieveAction.Notify n) {
                notifications.add(n);
            }
        }
        if (redirects.isEmpty() && vacations.isEmpty() && notifications.isEmpty()) {
            return true;
        }
        OutboundQueue q = queue.get();
        if (q == null) {
            LOG.warn("Sieve of {}: redirect/vacation not sent, no outbound queue is running", delivery.account());
            return false;
        }
        boolean all = true;
        for (SieveAction.Redirect r : redirects) {
            try {
                q.enqueue(new Envelope(delivery.envelope().reversePath(), List.of(Address.parse(r.address())),
                        Map.of(), null, null, null), new ByteArrayInputStream(bytes));
                LOG.info("Sieve of {}: redirected to {}", delivery.account(), r.address());
            } catch (Exception e) {
                LOG.warn("Sieve of {}: redirect to {} failed, the message is kept: {}", delivery.account(),
                        r.address(), e.toString());
                all = false;
            }
        }
        for (SieveAction.Vacation v : vacations) {
            try {
                vacation(q, v, delivery, message);
            } catch (Exception e) {
                LOG.warn("Sieve of {}: vacation reply failed: {}", delivery.account(), e.toString());
            }
        }
        for (SieveAction.Notify n : notifications) {
            try {
                notification(q, n, delivery, message);
            } catch (Exception e) {
                LOG.warn("Sieve of {}: notification to {} failed: {}", delivery.account(), n.method(), e.toString());
            }
        }
        return all;
    }

    /** RFC 5436: a short message to the mailto address, from {@code <>}, marked auto-notified. */
    private void notification(OutboundQueue q, SieveAction.Notify n, DeliveryContext delivery, SieveMessage message)
            throws Exception {
        Address to = Notifications.address(n.method());
        String recipient = delivery.recipient().toString();
        String subject = header(message, "Subject").orElse("").strip();
        String from = delivery.envelope().reversePath().mailbox().map(Object::toString).orElse("<>");
        String text = n.message() != null ? n.message() : from + ": " + subject;
        StringBuilder b = new StringBuilder();
        b.append("From: ").append(n.from() != null ? n.from() : recipient).append("\r\n");
        b.append("To: ").append(to).append("\r\n");
        b.append("Subject: ").append(SieveVerdicts.oneLine(text)).append("\r\n");
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        b.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
        b.append("Auto-Submitted: auto-notified\r\n");
        b.append("X-Priority: ").append(n.importance().equals("1") ? "1" : n.importance().equals("3") ? "5" : "3")
                .append("\r\n");
        b.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        b.append(text.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
        q.enqueue(new Envelope(ReversePath.NULL, List.of(to), Map.of(), null, null, null),
                new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));
        LOG.info("Sieve of {}: notified {}", delivery.account(), to);
    }

    private void vacation(OutboundQueue q, SieveAction.Vacation v, DeliveryContext delivery, SieveMessage message)
            throws Exception {
        String sender = v.sender() == null ? "" : v.sender();
        if (sender.isEmpty() || !sender.contains("@")) {
            return; // §4.5: never to the null sender
        }
        String local = sender.substring(0, sender.indexOf('@')).toLowerCase(Locale.ROOT);
        if (local.startsWith("owner-") || local.endsWith("-request") || local.equals("mailer-daemon")
                || local.equals("listserv") || local.equals("majordomo")) {
            return; // §4.6: list and system addresses
        }
        String recipient = delivery.recipient().withoutDetail('+').toString().toLowerCase(Locale.ROOT);
        if (sender.equalsIgnoreCase(recipient)) {
            return;
        }
        String autoSubmitted = header(message, "Auto-Submitted").orElse("no").strip().toLowerCase(Locale.ROOT);
        String precedence = header(message, "Precedence").orElse("").strip().toLowerCase(Locale.ROOT);
        if (!autoSubmitted.startsWith("no") || precedence.matches("bulk|list|junk")
                || message.headers().stream().anyMatch(h -> h.name().toLowerCase(Locale.ROOT).startsWith("list-"))) {
            return; // §4.6: no replies to automated or list mail
        }
        // §4.5: only when the recipient (or one of :addresses) is in To or Cc.
        StringBuilder destinations = new StringBuilder();
        for (SieveMessage.HeaderField h : message.headers()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (n.equals("to") || n.equals("cc") || n.equals("bcc") || n.startsWith("resent-to")
                    || n.startsWith("resent-cc")) {
                destinations.append(h.value().toLowerCase(Locale.ROOT)).append(' ');
            }
        }
        List<String> mine = new ArrayList<>(List.of(recipient, delivery.recipient().toString().toLowerCase(Locale.ROOT)));
        v.addresses().forEach(a -> mine.add(a.toLowerCase(Locale.ROOT)));
        if (mine.stream().noneMatch(a -> destinations.indexOf(a) >= 0)) {
            return;
        }
        FilterState s = state.get();
        String key = "vacation/" + delivery.account() + "/" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(v.trackingKey().getBytes(StandardCharsets.UTF_8)));
        if (s != null) {
            if (s.created(key).isPresent()) {
                return; // §4.2: one reply per sender and handle within the period
            }
            s.touch(key, Duration.ofSeconds(Math.max(1, v.seconds())));
        }
        q.enqueue(new Envelope(ReversePath.NULL, List.of(Address.parse(sender)), Map.of(), null, null, null),
                new ByteArrayInputStream(reply(v, recipient, sender, message)));
        LOG.info("Sieve of {}: vacation reply to {}", delivery.account(), sender);
    }

    private byte[] reply(SieveAction.Vacation v, String recipient, String sender, SieveMessage message) {
        String subject = v.subject() != null ? v.subject()
                : "Auto: " + header(message, "Subject").orElse("").strip();
        String messageId = header(message, "Message-ID").orElse("").strip();
        StringBuilder b = new StringBuilder();
        b.append("From: ").append(v.from() != null ? v.from() : recipient).append("\r\n");
        b.append("To: ").append(sender).append("\r\n");
        b.append("Subject: ").append(SieveVerdicts.oneLine(subject)).append("\r\n");
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        b.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
        if (!messageId.isEmpty()) {
            String references = header(message, "References").orElse("").strip();
            b.append("In-Reply-To: ").append(messageId).append("\r\n");
            b.append("References: ").append(references.isEmpty() ? "" : references + " ").append(messageId)
                    .append("\r\n");
        }
        b.append("Auto-Submitted: auto-replied (vacation)\r\n");
        b.append("MIME-Version: 1.0\r\n");
        if (v.mime()) {
            b.append(v.reason().replace("\r\n", "\n").replace("\n", "\r\n"));
        } else {
            b.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
            b.append(v.reason().replace("\r\n", "\n").replace("\n", "\r\n"));
        }
        if (b.charAt(b.length() - 1) != '\n') {
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> header(SieveMessage message, String name) {
        return message.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(SieveMessage.HeaderField::value)
                .findFirst();
    }
}
