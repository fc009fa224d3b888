package dev.hermod.core.internal.queue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.core.internal.ProviderRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the queue's parts share: the providers, the settings, the clock, and how to wake the workers. */
final class QueueContext {

    private static final Logger LOG = LoggerFactory.getLogger(QueueContext.class);

    final ProviderRegistry registry;
    final QueueSettings settings;
    final Clock clock;
    private final Delivery delivery;
    private final LocalRoute local;
    private final AtomicBoolean waitingForTransport = new AtomicBoolean();
    private volatile Runnable wake = () -> { };

    QueueContext(ProviderRegistry registry, Delivery delivery, QueueSettings settings, Clock clock) {
        this.registry = registry;
        this.delivery = delivery;
        this.local = new LocalRoute(delivery);
        this.settings = settings;
        this.clock = clock;
    }

    KeyValueStore store() {
        return registry.store();
    }

    BlobStore blobs() {
        return registry.blobStore();
    }

    void onWake(Runnable wake) {
        this.wake = wake;
    }

    /** Tells the workers that an entry became due. */
    void wake() {
        wake.run();
    }

    /**
     * Where mail for a domain goes: the core's local delivery for this server's domains, else the outbound
     * transport in use. Without a transport the recipients wait; that is logged once until one is bound.
     *
     * @return the route, or empty while no transport is bound
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory cannot be asked
     */
    Optional<OutboundTransport> route(String domain) {
        if (delivery.isLocalDomain(domain)) {
            return Optional.of(local);
        }
        Optional<OutboundTransport> transport = registry.transport();
        if (transport.isEmpty()) {
            if (waitingForTransport.compareAndSet(false, true)) {
                LOG.warn("No OutboundTransport is bound (hermod:status lists the providers): mail for other"
                        + " domains stays queued until one is installed");
            }
        } else if (waitingForTransport.compareAndSet(true, false)) {
            LOG.info("An OutboundTransport is bound again: delivering the queued mail");
        }
        return transport;
    }
}
