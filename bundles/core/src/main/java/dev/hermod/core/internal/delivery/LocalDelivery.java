package dev.hermod.core.internal.delivery;

import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.delivery.DeliveryReport;
import dev.hermod.api.delivery.DeliveryReport.RecipientResult;
import dev.hermod.api.delivery.DeliveryReport.Status;
import dev.hermod.api.delivery.RecipientCheck;
import dev.hermod.api.delivery.RecipientCheck.Outcome;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.filter.FilterStage;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.PermanentFailureException;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.crypto.AtRestEncryption;
import dev.hermod.core.internal.crypto.EncryptionKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's {@link Delivery}: recipients through the directory in use, messages into each account's INBOX. */
@Component(service = Delivery.class, configurationPid = LocalDelivery.PID)
@Designate(ocd = LocalDelivery.Config.class)
public final class LocalDelivery implements Delivery {

    static final String PID = "delivery";

    @ObjectClassDefinition(name = "Hermod local delivery")
    public @interface Config {
        @AttributeDefinition(description = "Whether a recipient over quota is refused temporarily (452 4.2.2, the"
                + " sender retries) rather than permanently (552 5.2.2).")
        boolean overquota_temporary() default true;

        @AttributeDefinition(description = "Directory for spooling messages delivered to several accounts;"
                + " empty for the system's temporary directory.")
        String spool_directory() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalDelivery.class);

    private final ProviderRegistry registry;
    private final MailStore store;
    private final boolean overQuotaTemporary;
    private final Path spoolDirectory;
    private final AtRestEncryption encryption;

    @Activate
    public LocalDelivery(@Reference ProviderRegistry registry, @Reference MailStore store, Config config) {
        this.registry = registry;
        this.store = store;
        this.overQuotaTemporary = config.overquota_temporary();
        String dir = config.spool_directory();
        this.spoolDirectory = dir == null || dir.isBlank() ? null : Path.of(dir);
        this.encryption = new AtRestEncryption(registry, new EncryptionKeyStore(registry), spoolDirectory);
    }

    @Override
    public RecipientCheck check(Address recipient, long declaredSize) {
        Objects.requireNonNull(recipient, "recipient");
        Directory directory = registry.directory();
        if (!directory.isLocalDomain(recipient.domain())) {
            return new RecipientCheck(recipient, Outcome.NOT_LOCAL_DOMAIN, List.of(), false,
                    "Relaying denied: " + recipient.domain() + " is not a domain of this server");
        }
        Resolved resolved = resolve(directory, recipient);
        if (resolved.accounts.isEmpty()) {
            return new RecipientCheck(recipient, Outcome.UNKNOWN_USER, List.of(), false,
                    resolved.inactive ? "Mailbox disabled" : "No such user here");
        }
        boolean anyFits = false;
        for (String account : resolved.accounts) {
            anyFits |= store.account(account).quota().fits(Math.max(0, declaredSize));
        }
        if (!anyFits) {
            return new RecipientCheck(recipient, Outcome.OVER_QUOTA, List.of(), overQuotaTemporary,
                    "Over quota: the mailbox is full");
        }
        return new RecipientCheck(recipient, Outcome.LOCAL, resolved.accounts, false, "Recipient ok");
    }

    @Override
    public List<Principal> verify(String partial) {
        Objects.requireNonNull(partial, "partial");
        return registry.directory().verify(partial).stream().filter(Principal::active).toList();
    }

    @Override
    public List<Address> expand(String list) {
        Objects.requireNonNull(list, "list");
        return registry.directory().expand(list);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return registry.directory().isLocalDomain(Objects.requireNonNull(domain, "domain"));
    }

    @Override
    public DeliveryReport deliver(ReversePath from, List<Address> localRecipients, InputStream rawMessage,
                                  String receivedHeader) throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(rawMessage, "rawMessage");
        if (localRecipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients to deliver to");
        }
        Directory directory = registry.directory();
        // Each account once, traced with the first recipient that reached it.
        Map<String, Address> firstRecipient = new LinkedHashMap<>();
        Map<Address, List<String>> accountsOf = new LinkedHashMap<>();
        for (Address recipient : localRecipients) {
            List<String> accounts = accountsOf.computeIfAbsent(recipient, r -> resolve(directory, r).accounts);
            accounts.forEach(a -> firstRecipient.putIfAbsent(a, recipient));
        }
        Map<String, Failure> failures = new LinkedHashMap<>();
        if (firstRecipient.isEmpty()) {
            rawMessage.transferTo(OutputStreamNull.INSTANCE);
        } else if (firstRecipient.size() == 1) {
            Map.Entry<String, Address> only = firstRecipient.entrySet().iterator().next();
            store(only.getKey(), TraceHeaders.of(from, only.getValue(), receivedHeader), rawMessage, true)
                    .ifPresent(f -> failures.put(only.getKey(), f));
        } else {
            try (Spool spool = Spool.of(rawMessage, spoolDirectory)) {
                for (Map.Entry<String, Address> e : firstRecipient.entrySet()) {
                    try (InputStream in = spool.open()) {
                        store(e.getKey(), TraceHeaders.of(from, e.getValue(), receivedHeader), in, false)
                                .ifPresent(f -> failures.put(e.getKey(), f));
                    }
                }
            }
        }
        List<RecipientResult> results = new ArrayList<>();
        for (Address recipient : localRecipients) {
            results.add(result(recipient, accountsOf.get(recipient), failures));
        }
        return new DeliveryReport(results);
    }

    @Override
    public DeliveryReport deliver(Envelope envelope, SessionInfo session, InputStream rawMessage,
                                  String receivedHeader, List<Verdict> earlierVerdicts) throws IOException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(rawMessage, "rawMessage");
        List<MessageFilter> dataFilters = registry.filters(FilterStage.DATA);
        List<MessageFilter> deliveryFilters = registry.filters(FilterStage.DELIVERY);
        if (dataFilters.isEmpty() && deliveryFilters.isEmpty() && earlierVerdicts.isEmpty()) {
            return deliver(envelope.reversePath(), envelope.recipients(), rawMessage, receivedHeader);
        }
        ReversePath from = envelope.reversePath();
        List<Address> localRecipients = envelope.recipients();
        Directory directory = registry.directory();
        Map<String, Address> firstRecipient = new LinkedHashMap<>();
        Map<Address, List<String>> accountsOf = new LinkedHashMap<>();
        for (Address recipient : localRecipients) {
            List<String> accounts = accountsOf.computeIfAbsent(recipient, r -> resolve(directory, r).accounts);
            accounts.forEach(a -> firstRecipient.putIfAbsent(a, recipient));
        }
        // Filters see the message with this server's Received field on top, as it will be stored.
        InputStream traced = receivedHeader == null ? rawMessage
                : new TraceHeaders.Prepended(TraceHeaders.received(receivedHeader), rawMessage);
        MessageStages stages = new MessageStages(spoolDirectory);
        Map<String, Failure> failures = new LinkedHashMap<>();
        Set<String> discarded = new java.util.HashSet<>();
        try (SpooledMessage spooled = SpooledMessage.of(traced, spoolDirectory)) {
            MessageStages.Decision data = stages.early(MessageStages.Decision.of(spooled), earlierVerdicts);
            if (!data.done()) {
                data = stages.data(data, dataFilters, session, envelope);
            }
            try {
                if (data.refusal() != null) {
                    return refused(localRecipients, accountsOf, data.refusal());
                }
                if (data.discard()) {
                    discarded.addAll(firstRecipient.keySet());
                }
                for (Map.Entry<String, Address> e : firstRecipient.entrySet()) {
                    if (data.discard()) {
                        break;
                    }
                    String account = e.getKey();
                    MessageStages.Decision d = stages.delivery(data.next(), deliveryFilters, envelope, e.getValue(),
                            account);
                    try {
                        if (d.refusal() != null) {
                            failures.put(account, new Failure(d.refusal() instanceof Verdict.TempFail,
                                    reply(d.refusal()).text(), reply(d.refusal())));
                        } else if (d.discard()) {
                            discarded.add(account);
                        } else {
                            try (InputStream in = d.message().open()) {
                                store(account, TraceHeaders.of(from, e.getValue(), null), in, false, d.fileInto())
                                        .ifPresent(f -> failures.put(account, f));
                            }
                        }
                    } finally {
                        if (d.message() != data.message()) {
                            d.message().close();
                        }
                    }
                }
            } finally {
                if (data.message() != spooled) {
                    data.message().close();
                }
            }
        }
        List<RecipientResult> results = new ArrayList<>();
        for (Address recipient : localRecipients) {
            List<String> accounts = accountsOf.get(recipient);
            if (!accounts.isEmpty() && discarded.containsAll(accounts)) {
                results.add(new RecipientResult(recipient, Status.DELIVERED, List.of(), ""));
            } else {
                results.add(result(recipient, accounts.stream().filter(a -> !discarded.contains(a)).toList(),
                        failures));
            }
        }
        return new DeliveryReport(results);
    }

    private static SmtpReply reply(Verdict refusal) {
        return refusal instanceof Verdict.Reject r ? r.reply() : ((Verdict.TempFail) refusal).reply();
    }

    private static DeliveryReport refused(List<Address> recipients, Map<Address, List<String>> accountsOf,
                                          Verdict refusal) {
        SmtpReply reply = reply(refusal);
        Status status = refusal instanceof Verdict.TempFail ? Status.TEMPORARY_FAILURE : Status.PERMANENT_FAILURE;
        List<RecipientResult> results = new ArrayList<>();
        for (Address r : recipients) {
            results.add(accountsOf.get(r).isEmpty()
                    ? new RecipientResult(r, Status.PERMANENT_FAILURE, List.of(), "No such user here")
                    : new RecipientResult(r, status, List.of(), reply.text(), reply));
        }
        return new DeliveryReport(results);
    }

    private static RecipientResult result(Address recipient, List<String> accounts, Map<String, Failure> failures) {
        if (accounts.isEmpty()) {
            return new RecipientResult(recipient, Status.PERMANENT_FAILURE, List.of(), "No such user here");
        }
        List<String> stored = accounts.stream().filter(a -> !failures.containsKey(a)).toList();
        if (!stored.isEmpty()) {
            return new RecipientResult(recipient, Status.DELIVERED, stored, "");
        }
        Failure first = accounts.stream().map(failures::get).filter(Failure::temporary).findFirst()
                .orElse(failures.get(accounts.get(0)));
        return new RecipientResult(recipient, first.temporary ? Status.TEMPORARY_FAILURE : Status.PERMANENT_FAILURE,
                List.of(), first.reason, first.reply);
    }

    /** Appends to the account's INBOX; a failure is returned, except a read error of the client's stream. */
    private Optional<Failure> store(String account, byte[] headers, InputStream body, boolean clientStream)
            throws IOException {
        return store(account, headers, body, clientStream, null);
    }

    private Optional<Failure> store(String account, byte[] headers, InputStream body, boolean clientStream,
                                    Verdict.FileInto fileInto) throws IOException {
        try {
            MailAccount mail = store.account(account);
            Mailbox target = fileInto == null ? null : FileIntoTarget.find(mail, fileInto);
            if (target == null) {
                target = mail.mailbox(MailboxRole.INBOX).orElseThrow(() ->
                        new PermanentFailureException("the account has no INBOX"));
            }
            // A verdict's flags are IMAP flags (\Seen, $Junk); the store keeps keywords ($seen, $junk).
            Set<String> keywords = fileInto == null ? Set.of() : keywords(fileInto.flags());
            // The trace fields stay with the message record: every account's copy shares one blob, unless the
            // account encrypts its mail at rest, which makes its copy its own.
            Mailbox box = target;
            encryption.store(account, body, in -> mail.append(box.id(), headers, in, keywords, null));
            return Optional.empty();
        } catch (MailboxException e) {
            LOG.info("Delivery to account {} failed: {}", account, e.getMessage());
            if (e.reason() == MailboxException.Reason.OVER_QUOTA) {
                return Optional.of(new Failure(overQuotaTemporary, "Over quota: the mailbox is full"));
            }
            if (e.reason() == MailboxException.Reason.TOO_LARGE) {
                return Optional.of(new Failure(false, "Message too large for the mailbox"));
            }
            return Optional.of(new Failure(false, "Mailbox unavailable"));
        } catch (TemporaryFailureException e) {
            LOG.warn("Delivery to account {} deferred: {}", account, e.getMessage());
            return Optional.of(new Failure(true, "Mail store temporarily unavailable, try again later"));
        } catch (PermanentFailureException e) {
            LOG.warn("Delivery to account {} failed: {}", account, e.getMessage());
            return Optional.of(new Failure(false, "Mailbox unavailable"));
        } catch (IOException e) {
            if (clientStream) {
                throw e;
            }
            LOG.warn("Delivery to account {} deferred: spool read failed", account, e);
            return Optional.of(new Failure(true, "Local error reading the spooled message, try again later"));
        }
    }

    /** Why an account did not store a message; {@code reply} is a filter's, or {@code null}. */
    /** Store keywords for a verdict's flags; a flag the store cannot keep (\\Recent) is left out and logged. */
    private static Set<String> keywords(Set<String> flags) {
        Set<String> keywords = new java.util.HashSet<>();
        for (String flag : flags) {
            try {
                String keyword = dev.hermod.api.mailbox.Keywords.fromImap(flag);
                if (dev.hermod.api.mailbox.Keywords.isValid(keyword)) {
                    keywords.add(keyword);
                } else {
                    LOG.info("A filter's flag {} cannot be stored; left out", flag);
                }
            } catch (IllegalArgumentException e) {
                LOG.info("A filter's flag {} cannot be stored; left out", flag);
            }
        }
        return keywords;
    }

    private record Failure(boolean temporary, String reason, SmtpReply reply) {
        Failure(boolean temporary, String reason) {
            this(temporary, reason, null);
        }
    }

    private record Resolved(List<String> accounts, boolean inactive) {
    }

    /** Active individual principals only: groups and lists have no mailbox of their own. */
    private static Resolved resolve(Directory directory, Address recipient) {
        List<String> accounts = new ArrayList<>();
        boolean inactive = false;
        for (String name : directory.recipients(recipient)) {
            Principal p = directory.principal(name).orElse(null);
            if (p == null || p.type() != PrincipalType.INDIVIDUAL) {
                continue;
            }
            if (!p.active()) {
                inactive = true;
                continue;
            }
            if (!accounts.contains(p.name())) {
                accounts.add(p.name());
            }
        }
        return new Resolved(List.copyOf(accounts), inactive);
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
