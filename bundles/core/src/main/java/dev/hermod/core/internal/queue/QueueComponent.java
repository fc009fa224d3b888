package dev.hermod.core.internal.queue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.outbound.QueueEntry;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.mail.SharedBlobReferences;
import dev.hermod.core.internal.queue.Entries.Loaded;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's durable {@link OutboundQueue} over the metadata and blob stores in use, delivering through
 * the {@link dev.hermod.api.outbound.OutboundTransport} in use (remote domains) and the core's
 * {@link Delivery} (this server's domains). Active only with a {@code queue} configuration; a
 * configuration change re-creates it, and the new one carries on with the stored entries.
 */
@Component(service = OutboundQueue.class, configurationPid = QueueComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = QueueComponent.Config.class)
public final class QueueComponent implements OutboundQueue {

    static final String PID = "queue";

    @ObjectClassDefinition(name = "Hermod outbound queue",
            description = "Retries, expiry and notices of mail for other servers, and the workers delivering it.")
    public @interface Config {
        @AttributeDefinition(description = "Delays between attempts after a temporary failure, comma-separated"
                + " (s, m, h, d); the last one repeats until the expiry.")
        String retry_schedule() default "1m,5m,15m,30m,1h,2h,4h";

        @AttributeDefinition(description = "How long a message is retried before it is returned to its sender"
                + " (Status 4.4.7).")
        String expiry() default "5d";

        @AttributeDefinition(description = "After how long the sender is told, once, that the message is not"
                + " delivered yet.")
        String delay_warning() default "4h";

        @AttributeDefinition(description = "Threads delivering at once on this node.", min = "1", max = "64")
        int workers() default 4;

        @AttributeDefinition(description = "How long a node's claim on an entry lasts: another node takes over"
                + " an entry whose claim has run out (its holder died). Longer than the longest delivery attempt.",
                min = "10")
        int lease_seconds() default 900;

        @AttributeDefinition(description = "This node's name in its claims; empty for the host name. Unique per"
                + " node sharing the store.")
        String node_id() default "";

        @AttributeDefinition(description = "This server's host name in delivery status notifications"
                + " (Reporting-MTA, MAILER-DAEMON@); empty for the host name.")
        String hostname() default "";

        @AttributeDefinition(description = "Longest wait, in seconds, between looks at the queue for entries"
                + " other nodes made due.", min = "1")
        int poll_seconds() default 30;
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueueComponent.class);
    private static final int LIST_BATCH = 1000;

    private final QueueContext context;
    private final QueueRunner runner;

    @Activate
    public QueueComponent(@Reference(name = "registry") ProviderRegistry registry,
                          @Reference(name = "delivery") Delivery delivery, Config config) {
        this(registry, delivery, QueueSettings.of(config), Clock.systemUTC(), true);
        LOG.info("Outbound queue active on node {}: {} workers, retries {}, expiry {}", context.settings.nodeId(),
                context.settings.workers(), config.retry_schedule(), config.expiry());
    }

    QueueComponent(ProviderRegistry registry, Delivery delivery, QueueSettings settings, Clock clock,
                   boolean start) {
        this.context = new QueueContext(registry, delivery, settings, clock);
        this.runner = new QueueRunner(context);
        if (start) {
            runner.start();
        }
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    QueueRunner runner() {
        return runner;
    }

    @Override
    public String enqueue(Envelope envelope, InputStream message) throws IOException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
        BlobStore blobs = context.blobs();
        ScanningInputStream in = new ScanningInputStream(message);
        BlobHash hash = blobs.put(in);
        List<Address> recipients = List.copyOf(new LinkedHashSet<>(envelope.recipients()));
        boolean smtpUtf8 = envelope.parameter("SMTPUTF8").isPresent()
                || envelope.reversePath().mailbox().map(Address::requiresSmtpUtf8).orElse(false)
                || recipients.stream().anyMatch(Address::requiresSmtpUtf8);
        boolean eightBit = in.eightBit();
        Submission submission = new Submission(envelope.reversePath(), recipients, envelope.parameters(), in.count(),
                eightBit, smtpUtf8, hash);
        Instant now = context.clock.instant();
        KeyValueStore store = context.store();
        long id;
        try {
            id = store.write(txn -> Entries.create(txn, submission, now, context::blobs));
        } catch (RuntimeException e) {
            SharedBlobReferences.collect(store, blobs, List.of(hash));
            throw e;
        }
        LOG.info("Queue entry {} from {} to {} recipient(s), {} octets", QueueKeys.format(id), envelope.reversePath(),
                recipients.size(), in.count());
        context.wake();
        return QueueKeys.format(id);
    }

    @Override
    public List<QueueEntry> list() {
        List<QueueEntry> entries = new ArrayList<>();
        byte[] from = QueueKeys.entries();
        byte[] end = Keys.strinc(from);
        while (true) {
            byte[] start = from;
            Batch batch = context.store().read(txn -> {
                List<Long> ids = new ArrayList<>();
                byte[] last = null;
                try (KeyValueIterator it = txn.range(start, end, LIST_BATCH, false)) {
                    while (it.hasNext()) {
                        last = it.next().key();
                        if (QueueKeys.kind(last) == QueueKeys.HEADER) {
                            ids.add(QueueKeys.idOf(last));
                        }
                    }
                }
                return new Batch(ids, last);
            });
            for (long id : batch.ids()) {
                get(id).ifPresent(entries::add);
            }
            if (batch.last() == null) {
                return entries;
            }
            from = Keys.concat(batch.last(), new byte[] {0});
        }
    }

    /** The headers' ids among a batch of keys, and the batch's last key. */
    private record Batch(List<Long> ids, byte[] last) {
    }

    @Override
    public Optional<QueueEntry> get(String id) {
        long n = QueueKeys.parse(Objects.requireNonNull(id, "id"));
        return n < 0 ? Optional.empty() : get(n);
    }

    private Optional<QueueEntry> get(long id) {
        return Optional.ofNullable(context.store().read(txn -> Entries.load(txn, id))).map(Loaded::toQueueEntry);
    }

    @Override
    public int flush() {
        Instant now = context.clock.instant();
        int made = 0;
        for (QueueEntry e : list()) {
            long id = QueueKeys.parse(e.id());
            boolean moved = context.store().write(txn -> {
                Loaded l = Entries.load(txn, id);
                if (l == null || l.lease() != null && l.lease().live(now) || !l.entry().due().isAfter(now)) {
                    return false;
                }
                Entries.move(txn, l.entry(), l.entry().scheduled(now, now));
                return true;
            });
            made += moved ? 1 : 0;
        }
        LOG.info("Outbound queue flushed: {} entries due now", made);
        context.wake();
        return made;
    }

    @Override
    public boolean remove(String id) {
        long n = QueueKeys.parse(Objects.requireNonNull(id, "id"));
        if (n < 0) {
            return false;
        }
        KeyValueStore store = context.store();
        BlobHash released = store.write(txn -> {
            Loaded l = Entries.load(txn, n);
            if (l == null) {
                return null;
            }
            Entries.delete(txn, l.entry());
            return l.entry().blob();
        });
        if (released == null) {
            return false;
        }
        SharedBlobReferences.collect(store, context.blobs(), List.of(released));
        LOG.info("Queue entry {} removed by the admin", QueueKeys.format(n));
        return true;
    }
}
