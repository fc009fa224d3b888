package dev.hermod.jmap.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import dev.hermod.message.MessageParser;
import java.util.function.Supplier;

/**
 * What every request shares: the services, the limits, the method table and the caches.
 *
 * @param store the mail store
 * @param authenticator logins
 * @param outbound the outbound queue, or a supplier of null while none is bound
 * @param signer the DKIM signer of mail to other servers, or a supplier of null while none is bound
 * @param delivery local delivery, or a supplier of null
 * @param scripts the Sieve script store, or a supplier of null
 * @param checker the Sieve syntax checker, or a supplier of null
 * @param limits the session's limits
 * @param blobs blob ids and contents
 * @param tokens bearer tokens
 * @param queries query results kept for {@code /queryChanges}
 * @param methods the method table
 * @param pushes the push subscriptions (RFC 8620 §7.2)
 */
record Jmap(MailStore store, Authenticator authenticator, Supplier<OutboundQueue> outbound,
            Supplier<MessageSigner> signer, Supplier<Delivery> delivery,
            Supplier<SieveScripts> scripts, Supplier<SieveChecker> checker, Limits limits, Blobs blobs,
            BearerTokens tokens, QueryCache queries, Methods methods, PushSubscriptions pushes) {

    static final MessageParser PARSER = new MessageParser();

    /** The session object's state: changes only when what the session says changes (RFC 8620 §2). */
    String sessionState(User user) {
        return "s" + Integer.toHexString((user.name() + "|" + user.emails() + "|" + limits).hashCode());
    }

    /** Registers every method. */
    static Methods standardMethods() {
        Methods m = new Methods();
        m.add("Core/echo", Capabilities.CORE, (call, args) -> args);
        BlobCopy.register(m);
        MailboxMethods.register(m);
        ThreadMethods.register(m);
        EmailGet.register(m);
        EmailQuery.register(m);
        EmailSet.register(m);
        EmailTransfer.register(m);
        SearchSnippets.register(m);
        IdentityMethods.register(m);
        SubmissionMethods.register(m);
        VacationMethods.register(m);
        QuotaMethods.register(m);
        SieveMethods.register(m);
        PushSubscriptions.register(m);
        return m;
    }
}
