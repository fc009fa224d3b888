package dev.hermod.core.internal;

import dev.hermod.api.admin.ListenerInfo;
import dev.hermod.api.admin.PlatformStatus;
import dev.hermod.api.admin.SpiStatus;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.crypto.MessageEncryptor;
import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.filter.FilterStage;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.api.store.KeyValueStore;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every provider of every SPI and reports them.
 *
 * <p>All references are dynamic, greedy and multiple: a provider that registers later, or one with a
 * higher ranking, is bound at once without restarting the core, and a provider that goes away is simply
 * dropped. Which provider of a single-provider SPI is in use comes from the ranking and the admin's
 * target filters in the {@code hermod} configuration.
 */
@Component(service = {PlatformStatus.class, ProviderRegistry.class}, configurationPid = ProviderRegistry.PID,
        immediate = true)
@Designate(ocd = ProviderRegistry.Config.class)
public final class ProviderRegistry implements PlatformStatus {

    static final String PID = "hermod";

    @ObjectClassDefinition(name = "Hermod core",
            description = "Which provider the core uses for each SPI when several are installed.")
    public @interface Config {
        @AttributeDefinition(description = "LDAP filter over service properties choosing the metadata store, e.g. (name=postgresql). Empty: the highest ranked.")
        String store_target() default "";

        @AttributeDefinition(description = "LDAP filter choosing the blob store, e.g. (name=s3). Empty: the highest ranked.")
        String blob_target() default "";

        @AttributeDefinition(description = "LDAP filter choosing the directory, e.g. (name=corp-ldap). Empty: the highest ranked.")
        String directory_target() default "";

        @AttributeDefinition(description = "LDAP filter limiting which message filters run. Empty: all of them.")
        String filter_target() default "";

        @AttributeDefinition(description = "LDAP filter choosing the encryptor for encryption at rest. Empty: the highest ranked.")
        String encryptor_target() default "";

        @AttributeDefinition(description = "LDAP filter choosing the DKIM signer. Empty: the highest ranked.")
        String signer_target() default "";

        @AttributeDefinition(description = "LDAP filter choosing the outbound transport the queue hands remote mail to, e.g. (name=smtp). Empty: the highest ranked.")
        String transport_target() default "";

        @AttributeDefinition(description = "How long (ms) a caller waits for a missing provider, e.g. during a swap, before it gets a temporary failure (SMTP 4xx, IMAP NO [UNAVAILABLE]).")
        long unavailable_wait() default 5000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final ProviderSlot<KeyValueStore> stores = new ProviderSlot<>(KeyValueStore.class, false);
    private final ProviderSlot<BlobStore> blobs = new ProviderSlot<>(BlobStore.class, false);
    private final ProviderSlot<Directory> directories = new ProviderSlot<>(Directory.class, false);
    private final ProviderSlot<MessageFilter> filters = new ProviderSlot<>(MessageFilter.class, true);
    private final ProviderSlot<MessageEncryptor> encryptors = new ProviderSlot<>(MessageEncryptor.class, false);
    private final ProviderSlot<MessageSigner> signers = new ProviderSlot<>(MessageSigner.class, false);
    private final ProviderSlot<OutboundTransport> transports = new ProviderSlot<>(OutboundTransport.class, false);
    private final ListenerSet listeners = new ListenerSet();
    private volatile long unavailableWait;

    @Activate
    public ProviderRegistry(Config config) {
        apply(config);
        LOG.info("Hermod core active");
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        LOG.info("Hermod core stopped");
    }

    private void apply(Config config) {
        unavailableWait = Math.max(0, config.unavailable_wait());
        target(stores, "store.target", config.store_target());
        target(blobs, "blob.target", config.blob_target());
        target(directories, "directory.target", config.directory_target());
        target(filters, "filter.target", config.filter_target());
        target(encryptors, "encryptor.target", config.encryptor_target());
        target(signers, "signer.target", config.signer_target());
        target(transports, "transport.target", config.transport_target());
    }

    private static void target(ProviderSlot<?> slot, String key, String filter) {
        if (filter == null || filter.isBlank()) {
            slot.target(null);
            return;
        }
        try {
            Filter parsed = FrameworkUtil.createFilter(filter.trim());
            slot.target(parsed);
        } catch (InvalidSyntaxException e) {
            // A typo must not silently switch providers: keep using every provider and say why.
            LOG.error("hermod: {} = {} is not a valid LDAP filter ({}); ignoring it", key, filter, e.getMessage());
            slot.target(null);
        }
    }

    @Override
    public List<SpiStatus> spis() {
        return List.of(stores.status(), blobs.status(), directories.status(), filters.status(),
                encryptors.status(), signers.status(), transports.status());
    }

    @Override
    public List<ListenerInfo> listeners() {
        return listeners.snapshot();
    }

    /**
     * The metadata store in use, waiting briefly for one during a swap.
     *
     * @throws dev.hermod.api.mail.TemporaryFailureException if none is bound
     */
    public KeyValueStore store() {
        return stores.await(unavailableWait);
    }

    /**
     * The blob store in use, waiting briefly for one during a swap.
     *
     * @throws dev.hermod.api.mail.TemporaryFailureException if none is bound
     */
    public BlobStore blobStore() {
        return blobs.await(unavailableWait);
    }

    /**
     * The directory in use, waiting briefly for one during a swap.
     *
     * @throws dev.hermod.api.mail.TemporaryFailureException if none is bound
     */
    public Directory directory() {
        return directories.await(unavailableWait);
    }

    /**
     * The message filters that asked for a stage in their {@value MessageFilter#STAGES} property (all stages
     * when they set none) and match {@code filter.target}, in the order they run: highest ranking first. A
     * filter whose property is malformed is left out, and said so in the log when it is bound.
     *
     * @param stage the stage
     * @return the filters, never {@code null}
     */
    public List<MessageFilter> filters(FilterStage stage) {
        return filters.all(ref -> {
            try {
                return FilterStage.fromServiceProperty(ref.getProperty(MessageFilter.STAGES)).contains(stage);
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    /**
     * The outbound transport in use, without waiting: the queue keeps its entries while there is none.
     *
     * @return the transport, or empty if none is bound or none matches {@code transport.target}
     */
    public Optional<OutboundTransport> transport() {
        return transports.inUse();
    }

    /**
     * The encryptor for encryption at rest in use, without waiting.
     *
     * @return the encryptor, or empty if none is bound or none matches {@code encryptor.target}
     */
    public Optional<MessageEncryptor> encryptor() {
        return encryptors.inUse();
    }

    /**
     * The encryptor in use, waiting briefly for one during a swap: for an account that keeps a key, a
     * message must not be stored in the clear because the encryptor is being replaced.
     *
     * @throws dev.hermod.api.mail.TemporaryFailureException if none is bound
     */
    public MessageEncryptor awaitEncryptor() {
        return encryptors.await(unavailableWait);
    }

    ProviderSlot<KeyValueStore> stores() {
        return stores;
    }

    ProviderSlot<BlobStore> blobs() {
        return blobs;
    }

    // --- DS event methods: one bind/updated/unbind triple per SPI ---

    @Reference(name = "keyValueStores", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedKeyValueStore")
    void addKeyValueStore(ServiceReference<KeyValueStore> ref, KeyValueStore service) {
        bound(stores, ref, service);
    }

    void updatedKeyValueStore(ServiceReference<KeyValueStore> ref, KeyValueStore service) {
        stores.update(ref, service);
    }

    void removeKeyValueStore(ServiceReference<KeyValueStore> ref) {
        unbound(stores, ref);
    }

    @Reference(name = "blobStores", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedBlobStore")
    void addBlobStore(ServiceReference<BlobStore> ref, BlobStore service) {
        bound(blobs, ref, service);
    }

    void updatedBlobStore(ServiceReference<BlobStore> ref, BlobStore service) {
        blobs.update(ref, service);
    }

    void removeBlobStore(ServiceReference<BlobStore> ref) {
        unbound(blobs, ref);
    }

    @Reference(name = "directories", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedDirectory")
    void addDirectory(ServiceReference<Directory> ref, Directory service) {
        bound(directories, ref, service);
    }

    void updatedDirectory(ServiceReference<Directory> ref, Directory service) {
        directories.update(ref, service);
    }

    void removeDirectory(ServiceReference<Directory> ref) {
        unbound(directories, ref);
    }

    @Reference(name = "messageFilters", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedMessageFilter")
    void addMessageFilter(ServiceReference<MessageFilter> ref, MessageFilter service) {
        try {
            FilterStage.fromServiceProperty(ref.getProperty(MessageFilter.STAGES));
        } catch (IllegalArgumentException e) {
            LOG.error("Message filter {} will not be called: {}", ref, e.getMessage());
        }
        bound(filters, ref, service);
    }

    void updatedMessageFilter(ServiceReference<MessageFilter> ref, MessageFilter service) {
        filters.update(ref, service);
    }

    void removeMessageFilter(ServiceReference<MessageFilter> ref) {
        unbound(filters, ref);
    }

    @Reference(name = "messageEncryptors", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedMessageEncryptor")
    void addMessageEncryptor(ServiceReference<MessageEncryptor> ref, MessageEncryptor service) {
        bound(encryptors, ref, service);
    }

    void updatedMessageEncryptor(ServiceReference<MessageEncryptor> ref, MessageEncryptor service) {
        encryptors.update(ref, service);
    }

    void removeMessageEncryptor(ServiceReference<MessageEncryptor> ref) {
        unbound(encryptors, ref);
    }

    @Reference(name = "messageSigners", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedMessageSigner")
    void addMessageSigner(ServiceReference<MessageSigner> ref, MessageSigner service) {
        bound(signers, ref, service);
    }

    void updatedMessageSigner(ServiceReference<MessageSigner> ref, MessageSigner service) {
        signers.update(ref, service);
    }

    void removeMessageSigner(ServiceReference<MessageSigner> ref) {
        unbound(signers, ref);
    }

    @Reference(name = "outboundTransports", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedOutboundTransport")
    void addOutboundTransport(ServiceReference<OutboundTransport> ref, OutboundTransport service) {
        bound(transports, ref, service);
    }

    void updatedOutboundTransport(ServiceReference<OutboundTransport> ref, OutboundTransport service) {
        transports.update(ref, service);
    }

    void removeOutboundTransport(ServiceReference<OutboundTransport> ref) {
        unbound(transports, ref);
    }

    @Reference(name = "protocolServers", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProtocolServer(ServiceReference<ProtocolServer> ref, ProtocolServer service) {
        listeners.add(ref, service);
        LOG.info("Listener {} {} on {}", service.protocol(), service.name(), service.address());
    }

    void removeProtocolServer(ServiceReference<ProtocolServer> ref) {
        listeners.remove(ref);
    }

    private static <T> void bound(ProviderSlot<T> slot, ServiceReference<T> ref, T service) {
        slot.add(ref, service);
        ProviderSlot.Description d = ProviderSlot.describe(ref);
        LOG.info("{} provider '{}' from {} [{}] is available{}", slot.type().getSimpleName(), d.name(),
                d.bundleSymbolicName(), d.bundleId(), inUseSuffix(slot));
    }

    private static <T> void unbound(ProviderSlot<T> slot, ServiceReference<T> ref) {
        ProviderSlot.Description d = ProviderSlot.describe(ref);
        slot.remove(ref);
        LOG.info("{} provider '{}' from {} [{}] went away{}", slot.type().getSimpleName(), d.name(),
                d.bundleSymbolicName(), d.bundleId(), inUseSuffix(slot));
    }

    private static String inUseSuffix(ProviderSlot<?> slot) {
        return slot.status().inUse().map(p -> "; in use: '" + p.name() + "'").orElse("; none in use");
    }

}
