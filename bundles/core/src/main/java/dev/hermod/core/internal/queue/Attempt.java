package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.outbound.QueueEntry.State;
import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.core.internal.mail.SharedBlobReferences;
import dev.hermod.core.internal.queue.Entries.Loaded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt on an entry this node has claimed: the pending recipients, grouped by domain, go to
 * their route one group at a time, and each group's outcomes are recorded at once (so a crash repeats as
 * little as possible). Then the entry is finished or rescheduled by {@link Completion}.
 */
final class Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    private final QueueContext context;
    private final Loaded claimed;

    Attempt(QueueContext context, Loaded claimed) {
        this.context = context;
        this.claimed = claimed;
    }

    void run() {
        EntryRecord entry = claimed.entry();
        String holder = claimed.lease().holder();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < claimed.recipients().size(); i++) {
            RecipientRecord r = claimed.recipients().get(i);
            if (r.state() == State.PENDING) {
                groups.computeIfAbsent(r.address().domain(), d -> new ArrayList<>()).add(i);
            }
        }
        boolean tried = false;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Address> recipients = group.getValue().stream().map(i -> claimed.recipients().get(i).address())
                    .toList();
            Optional<TransportResult> result = send(entry, group.getKey(), recipients);
            if (result.isEmpty()) {
                continue;
            }
            tried = true;
            if (!record(entry.id(), holder, group.getValue(), result.get())) {
                LOG.warn("Queue entry {}: lease lost or entry removed during delivery; leaving it",
                        QueueKeys.format(entry.id()));
                return;
            }
        }
        new Completion(context, entry.id(), holder).finish(tried);
    }

    /** @return the outcomes, or empty when there is no route yet (no transport bound) */
    private Optional<TransportResult> send(EntryRecord entry, String domain, List<Address> recipients) {
        try {
            Optional<OutboundTransport> route = context.route(domain);
            if (route.isEmpty()) {
                return Optional.empty();
            }
            BlobHash blob = entry.blob();
            OutboundMessage message = new OutboundMessage(QueueKeys.format(entry.id()), entry.from(), domain,
                    recipients, entry.parameters(), entry.size(), entry.eightBit(), entry.smtpUtf8(),
                    () -> context.blobs().get(blob));
            TransportResult result = route.get().send(message);
            if (result == null || result.outcomes().size() != recipients.size()) {
                LOG.error("Queue entry {}: the transport answered {} outcomes for {} recipients; retrying later",
                        message.id(), result == null ? "no" : result.outcomes().size(), recipients.size());
                return Optional.of(LocalRoute.allTemporary(recipients, "Local error in the outbound transport"));
            }
            return Optional.of(result);
        } catch (RuntimeException e) {
            LOG.warn("Queue entry {}: delivery to {} deferred: {}", QueueKeys.format(entry.id()), domain,
                    e.toString());
            return Optional.of(LocalRoute.allTemporary(recipients, "Local error: delivery deferred"));
        }
    }

    /** Records a group's outcomes if the lease is still held; @return whether it was */
    private boolean record(long id, String holder, List<Integer> indexes, TransportResult result) {
        return context.store().write(txn -> {
            Loaded current = Entries.load(txn, id);
            if (current == null || !current.heldBy(holder)) {
                return false;
            }
            for (int k = 0; k < indexes.size(); k++) {
                int index = indexes.get(k);
                Outcome o = result.outcomes().get(k);
                State state = switch (o.status()) {
                    case DELIVERED -> State.DELIVERED;
                    case TEMPORARY_FAILURE -> State.PENDING;
                    case PERMANENT_FAILURE -> State.FAILED;
                };
                SmtpReply reply = o.reply();
                String remote = o.remoteMta() != null ? o.remoteMta() : result.remoteHost();
                Entries.setRecipient(txn, id, index,
                        current.recipients().get(index).outcome(state, reply, remote));
            }
            return true;
        });
    }

    /** Finishes or reschedules an entry after an attempt, and queues the notices due to its sender. */
    static final class Completion {

        private final QueueContext context;
        private final long id;
        private final String holder;

        Completion(QueueContext context, long id, String holder) {
            this.context = context;
            this.id = id;
            this.holder = holder;
        }

        /** @param tried whether any recipient was tried (false while no transport is bound) */
        void finish(boolean tried) {
            Instant now = context.clock.instant();
            QueueSettings settings = context.settings;
            Loaded current = context.store().read(txn -> Entries.load(txn, id));
            if (current == null || !current.heldBy(holder)) {
                return;
            }
            EntryRecord entry = current.entry();
            List<RecipientRecord> recipients = new ArrayList<>(current.recipients());
            Instant expiresAt = settings.schedule().expiresAt(entry.queuedAt());
            boolean expired = !now.isBefore(expiresAt);
            List<Integer> changed = new ArrayList<>();
            List<RecipientRecord> failed = new ArrayList<>();
            List<RecipientRecord> pending = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                RecipientRecord r = recipients.get(i);
                if (r.state() == State.PENDING && expired) {
                    r = r.expire();
                }
                if (r.state() == State.FAILED && !r.notified()) {
                    failed.add(r);
                    r = r.notifiedNow();
                }
                if (r != recipients.get(i)) {
                    recipients.set(i, r);
                    changed.add(i);
                }
                if (r.state() == State.PENDING) {
                    pending.add(r);
                }
            }
            boolean nullSender = entry.from().isNull();
            boolean delay = !pending.isEmpty() && tried && !entry.delayNotified()
                    && Duration.between(entry.queuedAt(), now).compareTo(settings.delayWarning()) >= 0;
            List<Submission> notices = new ArrayList<>();
            try {
                if (!failed.isEmpty() && !nullSender) {
                    notices.add(notice(DeliveryStatusNotice.Kind.FAILED, entry, failed, now, expiresAt));
                }
                if (delay && !nullSender) {
                    notices.add(notice(DeliveryStatusNotice.Kind.DELAYED, entry, pending, now, expiresAt));
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("Queue entry {}: could not write the notice to the sender, trying again later: {}",
                        QueueKeys.format(id), e.toString());
                collect(notices.stream().map(Submission::blob).toList());
                reschedule(now.plus(settings.poll()));
                return;
            }
            int attempts = entry.attempts() + (tried ? 1 : 0);
            Instant next = tried ? settings.schedule().next(attempts, now, entry.queuedAt())
                    : now.plus(settings.poll());
            BlobHash released;
            try {
                released = context.store().write(txn -> {
                    Loaded again = Entries.load(txn, id);
                    if (again == null || !again.heldBy(holder)) {
                        throw new LeaseLostException();
                    }
                    for (Submission notice : notices) {
                        Entries.create(txn, notice, now, context::blobs);
                    }
                    if (pending.isEmpty()) {
                        Entries.delete(txn, again.entry());
                        return again.entry().blob();
                    }
                    for (int i : changed) {
                        Entries.setRecipient(txn, id, i, recipients.get(i));
                    }
                    Entries.move(txn, again.entry(), again.entry().attempted(attempts, entry.delayNotified() || delay)
                            .scheduled(next, next));
                    Entries.clearLease(txn, id);
                    return null;
                });
            } catch (LeaseLostException e) {
                collect(notices.stream().map(Submission::blob).toList());
                return;
            } catch (RuntimeException e) {
                collect(notices.stream().map(Submission::blob).toList());
                throw e;
            }
            if (released != null) {
                collect(List.of(released));
                LOG.info("Queue entry {} done after {} attempt(s)", QueueKeys.format(id), attempts);
            }
            if (!notices.isEmpty()) {
                context.wake();
            }
        }

        /** Puts a notice's bytes into the blob store, as a message from {@code <>} to the sender. */
        private Submission notice(DeliveryStatusNotice.Kind kind, EntryRecord entry, List<RecipientRecord> about,
                                  Instant now, Instant expiresAt) throws java.io.IOException {
            BlobHash original = entry.blob();
            try (ScanningInputStream in = new ScanningInputStream(DeliveryStatusNotice.write(kind,
                    context.settings.hostname(), entry, about, now, expiresAt, () -> context.blobs().get(original)))) {
                BlobHash hash = context.blobs().put(in);
                Address sender = entry.from().address();
                LOG.info("Queue entry {}: {} notice to {} about {} recipient(s)", QueueKeys.format(entry.id()),
                        kind.name().toLowerCase(java.util.Locale.ROOT), sender, about.size());
                return new Submission(ReversePath.NULL, List.of(sender), Map.of(), in.count(), in.eightBit(),
                        sender.requiresSmtpUtf8() || entry.smtpUtf8(), hash);
            }
        }

        /** Puts the entry back in the schedule without an attempt counted. */
        private void reschedule(Instant next) {
            context.store().write(txn -> {
                Loaded again = Entries.load(txn, id);
                if (again != null && again.heldBy(holder)) {
                    Entries.move(txn, again.entry(), again.entry().scheduled(next, next));
                    Entries.clearLease(txn, id);
                }
                return null;
            });
        }

        private void collect(List<BlobHash> blobs) {
            if (!blobs.isEmpty()) {
                SharedBlobReferences.collect(context.store(), context.blobs(), blobs);
            }
        }
    }

    /** The entry's lease passed to another node, or the entry was removed, while this node worked on it. */
    static final class LeaseLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLostException() {
            super(null, null, false, false);
        }
    }
}
