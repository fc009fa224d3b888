package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Principal;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.crypto.AtRestEncryption;
import dev.hermod.core.internal.crypto.EncryptionKeyStore;
import dev.hermod.message.ParserLimits;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link MailStore} service over the key-value store, the blob store and the directory in use. It asks
 * the {@link ProviderRegistry} for them at every operation, so a provider swapped at run time takes over
 * at the next one; while none is bound, operations wait briefly and then fail temporarily. A
 * configuration change re-creates the component.
 */
@Component(service = MailStore.class, configurationPid = MailStoreComponent.PID)
@Designate(ocd = MailStoreComponent.Config.class)
public final class MailStoreComponent implements MailStore {

    static final String PID = "mailstore";

    @ObjectClassDefinition(name = "Hermod mail store",
            description = "Accounts' mailboxes and messages over the metadata store and the blob store.")
    public @interface Config {
        @AttributeDefinition(description = "Change-log entries kept per account. A JMAP client or IMAP QRESYNC"
                + " session older than that resynchronizes in full.", min = "100")
        int changelog_keep() default 10_000;

        @AttributeDefinition(description = "Milliseconds between reads of the change counter of accounts with IMAP"
                + " IDLE or JMAP push sessions, to see changes made by other nodes sharing the store. 0: off"
                + " (one node).", min = "0")
        long poll_interval_ms() default 1_000;

        @AttributeDefinition(description = "Largest message accepted, in octets; 0 for no limit.", min = "0")
        long message_max_size() default 0;

        @AttributeDefinition(description = "Messages per transaction in bulk operations (expunge, copy, move,"
                + " flag changes, deleting a mailbox).", min = "1", max = "2000")
        int batch_size() default 500;

        @AttributeDefinition(description = "Queue this node's writers of one account on a lock instead of letting"
                + " the store resolve their conflicts by retrying.")
        boolean serialize_locally() default true;

        @AttributeDefinition(description = "Deepest MIME nesting (multiparts and attached messages) the parser"
                + " describes; deeper parts are kept as one opaque part.", min = "1", max = "200")
        int parser_max_depth() default 20;

        @AttributeDefinition(description = "Octets of a message's top-level header kept in its summary, and of any"
                + " one header field examined.", min = "1024")
        int parser_max_header_bytes() default 64 * 1024;

        @AttributeDefinition(description = "MIME parts described per message; later ones are not.", min = "1")
        int parser_max_parts() default 1000;

        @AttributeDefinition(description = "Characters of decoded body text (all text parts together) indexed"
                + " for full-text search per message; text beyond is not found by BODY or TEXT searches.",
                min = "0")
        int index_max_text() default Settings.INDEX_TEXT;

        @AttributeDefinition(description = "Encrypt messages that clients add (IMAP APPEND, JMAP Email/import and"
                + " Email/set) for accounts that keep an encryption key, as delivered mail is. Off: such messages"
                + " are stored as the client sent them.")
        boolean encrypt_appends() default false;

        @AttributeDefinition(description = "Distinct full-text index tokens kept per message, header fields first;"
                + " body words beyond are not found.", min = "100")
        int index_max_tokens() default Settings.INDEX_TOKENS;
    }

    private final MailContext context;

    @Activate
    public MailStoreComponent(@Reference(name = "registry") ProviderRegistry registry, Config config) {
        this(registry, new Settings(Math.max(100, config.changelog_keep()), Math.max(0, config.poll_interval_ms()),
                Math.max(0, config.message_max_size()), Math.min(2000, Math.max(1, config.batch_size())),
                config.serialize_locally(), new ParserLimits(Math.min(200, Math.max(1, config.parser_max_depth())),
                        Math.max(1024, config.parser_max_header_bytes()), Math.max(1, config.parser_max_parts()),
                        Math.max(0, config.index_max_text())), Math.max(100, config.index_max_tokens())));
        if (config.encrypt_appends()) {
            context.appendEncryption = new AtRestEncryption(registry, new EncryptionKeyStore(registry), null);
        }
    }

    MailStoreComponent(ProviderRegistry registry, Settings settings) {
        this.context = new MailContext(registry, settings,
                new ParserIndexer(settings.parserLimits(), settings.maxIndexTokens()));
    }

    @Deactivate
    void deactivate() {
        context.close();
    }

    MailContext context() {
        return context;
    }

    @Override
    public MailAccount account(String accountName) {
        Objects.requireNonNull(accountName, "accountName");
        Principal principal = Accounts.principal(context, accountName);
        return new Account(context, principal.name(), Accounts.open(context, principal.name()));
    }
}
