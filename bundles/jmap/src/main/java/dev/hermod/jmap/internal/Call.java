package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.MailAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context of one API request: who, which account, the creation ids seen so far (RFC 8620 §3.3, §5.3
 * "#" references), and extra responses a method adds after its own (implicit {@code Email/set} of
 * {@code EmailSubmission/set}, RFC 8621 §7.5).
 */
final class Call {

    final Jmap jmap;
    final User user;
    final MailAccount account;
    final String accountId;
    final Set<String> using;
    /** The client's address, for the trace and session of what it submits. */
    final java.net.InetSocketAddress client;
    final boolean secure;
    final Map<String, String> createdIds = new LinkedHashMap<>();
    final List<Map.Entry<String, ObjectNode>> extra = new ArrayList<>();

    Call(Jmap jmap, User user, MailAccount account, Set<String> using, java.net.InetSocketAddress client, boolean secure) {
        this.client = client;
        this.secure = secure;
        this.jmap = jmap;
        this.user = user;
        this.account = account;
        this.accountId = account.id().toString();
        this.using = using;
    }

    /** Checks the {@code accountId} argument: only the user's own account is served. */
    void checkAccount(ObjectNode args) throws MethodException {
        String id = Json.string(args, "accountId");
        if (id == null) {
            throw MethodException.invalidArguments("accountId is required");
        }
        if (!id.equals(accountId)) {
            throw MethodException.accountNotFound();
        }
    }

    /** An id argument, with {@code #creationId} resolved to the id created earlier in the request. */
    String resolve(String id) {
        if (id != null && id.startsWith("#")) {
            return createdIds.getOrDefault(id.substring(1), id);
        }
        return id;
    }

    /** Adds a response after the current method's own, with the same call id. */
    void addResponse(String name, ObjectNode args) {
        extra.add(Map.entry(name, args));
    }
}
