package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.StoredMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Email/set (RFC 8621 §4.6): create (the message is written and appended), update of keywords and
 * mailboxIds (whole or by patch paths {@code keywords/$seen}, {@code mailboxIds/<id>}), destroy. Keyword
 * changes go through the same store call as IMAP STORE, so an IMAP session sees them, with a new MODSEQ.
 */
final class EmailSet {

    private EmailSet() {
    }

    static void register(Methods m) {
        m.add("Email/set", Capabilities.MAIL, EmailSet::set);
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        String oldState = Long.toString(call.account.state());
        Standard.checkSet(call, args, oldState);
        ObjectNode created = Json.object();
        ObjectNode notCreated = Json.object();
        Iterator<Map.Entry<String, JsonNode>> creates = args.path("create").fields();
        while (creates.hasNext()) {
            Map.Entry<String, JsonNode> e = creates.next();
            try {
                Appended appended = create(call, e.getValue());
                call.createdIds.put(e.getKey(), appended.id().toString());
                created.set(e.getKey(), Json.object().put("id", appended.id().toString())
                        .put("blobId", Blobs.message(appended.id())).put("threadId", appended.thread().toString())
                        .put("size", appended.size()));
            } catch (SetError error) {
                notCreated.set(e.getKey(), error.toJson());
            }
        }
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        update(call, args.path("update"), updated, notUpdated);
        ArrayNode destroyed = Json.array();
        ObjectNode notDestroyed = Json.object();
        destroy(call, args.path("destroy"), destroyed, notDestroyed);
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                .put("newState", Long.toString(call.account.state()));
        out.set("created", created);
        out.set("updated", updated);
        out.set("destroyed", destroyed);
        out.set("notCreated", notCreated);
        out.set("notUpdated", notUpdated);
        out.set("notDestroyed", notDestroyed);
        return out;
    }

    static void update(Call call, JsonNode updates, ObjectNode updated, ObjectNode notUpdated) {
        Iterator<Map.Entry<String, JsonNode>> it = updates.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = call.resolve(e.getKey());
            try {
                update(call.account, id, e.getValue(), call);
                updated.putNull(id);
            } catch (SetError error) {
                notUpdated.set(id, error.toJson());
            }
        }
    }

    static void destroy(Call call, JsonNode ids, ArrayNode destroyed, ObjectNode notDestroyed) {
        List<MessageId> wanted = new ArrayList<>();
        for (JsonNode idNode : ids) {
            String id = call.resolve(idNode.asText());
            try {
                wanted.add(MessageId.parse(id));
            } catch (IllegalArgumentException e) {
                notDestroyed.set(id, SetError.notFound().toJson());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Set<MessageId> gone = new HashSet<>(call.account.destroy(wanted));
        for (MessageId id : wanted) {
            if (gone.contains(id)) {
                destroyed.add(id.toString());
            } else {
                notDestroyed.set(id.toString(), SetError.notFound().toJson());
            }
        }
    }

    private static Appended create(Call call, JsonNode email) throws SetError {
        if (!email.isObject()) {
            throw SetError.invalidProperties("An Email is an object.");
        }
        for (String p : List.of("id", "blobId", "threadId", "size", "hasAttachment", "preview")) {
            if (email.has(p)) {
                throw SetError.invalidProperties(p + " is set by the server.", p);
            }
        }
        Set<MailboxId> mailboxes = mailboxIds(call, email.get("mailboxIds"));
        Set<String> keywords = keywords(email.get("keywords"));
        Instant receivedAt = null;
        if (email.hasNonNull("receivedAt")) {
            try {
                receivedAt = Instant.parse(email.get("receivedAt").asText());
            } catch (RuntimeException e) {
                throw SetError.invalidProperties("receivedAt is not a UTCDate.", "receivedAt");
            }
        }
        byte[] message = new MessageWriter(call.account, call.jmap.blobs(), email).write(hostname(call));
        return append(call.account, mailboxes, message, keywords, receivedAt);
    }

    static String hostname(Call call) {
        String first = call.user.emails().isEmpty() ? "localhost" : call.user.emails().get(0);
        return first.substring(first.indexOf('@') + 1);
    }

    /** Appends to the first mailbox and adds the message to the others. */
    static Appended append(MailAccount account, Set<MailboxId> mailboxes, byte[] message, Set<String> keywords,
                           Instant receivedAt) throws SetError {
        try {
            List<MailboxId> boxes = new ArrayList<>(new TreeSet<>(mailboxes));
            Appended appended = account.append(boxes.get(0), new ByteArrayInputStream(message), keywords, receivedAt);
            if (boxes.size() > 1) {
                account.setMailboxes(appended.id(), mailboxes);
            }
            return appended;
        } catch (MailboxException e) {
            throw MailboxMethods.setError(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<MailboxId> mailboxIds(Call call, JsonNode node) throws SetError {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw SetError.invalidProperties("An Email belongs to at least one mailbox.", "mailboxIds");
        }
        Set<MailboxId> out = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asBoolean(false)) {
                throw SetError.invalidProperties("mailboxIds values are true.", "mailboxIds");
            }
            out.add(mailbox(call, e.getKey()));
        }
        return out;
    }

    private static MailboxId mailbox(Call call, String id) throws SetError {
        try {
            MailboxId mailbox = MailboxId.parse(call.resolve(id));
            call.account.mailbox(mailbox);
            return mailbox;
        } catch (IllegalArgumentException | MailboxException e) {
            throw SetError.invalidProperties("No mailbox " + id + ".", "mailboxIds");
        }
    }

    static Set<String> keywords(JsonNode node) throws SetError {
        Set<String> out = new HashSet<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw SetError.invalidProperties("keywords is an object.", "keywords");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(keyword(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String keyword(String keyword, JsonNode value) throws SetError {
        String k = keyword.toLowerCase(Locale.ROOT);
        if (!Keywords.isValid(k) || value == null || !value.isBoolean() || !value.asBoolean()) {
            throw SetError.invalidProperties("Not a keyword: " + keyword, "keywords");
        }
        return k;
    }

    /** Applies one update: keywords through a store of keywords, mailboxIds through setMailboxes. */
    static void update(MailAccount account, String id, JsonNode patch, Call call) throws SetError {
        MessageId messageId;
        StoredMessage message;
        try {
            messageId = MessageId.parse(id);
            message = account.message(messageId);
        } catch (IllegalArgumentException | MailboxException e) {
            throw SetError.notFound();
        }
        if (!patch.isObject()) {
            throw SetError.invalidProperties("The patch is an object.");
        }
        Set<String> keywords = null;
        Set<MailboxId> mailboxes = null;
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            JsonNode value = e.getValue();
            if (path.equals("keywords")) {
                keywords = keywords(value);
            } else if (path.startsWith("keywords/")) {
                keywords = keywords == null ? new HashSet<>(message.keywords()) : keywords;
                String k = unescape(path.substring(9));
                if (value.isNull() || value.isBoolean() && !value.asBoolean()) {
                    keywords.remove(k.toLowerCase(Locale.ROOT));
                } else {
                    keywords.add(keyword(k, value));
                }
            } else if (path.equals("mailboxIds")) {
                mailboxes = mailboxIds(call, value);
            } else if (path.startsWith("mailboxIds/")) {
                if (mailboxes == null) {
                    mailboxes = new HashSet<>(message.mailboxes().keySet());
                }
                MailboxId box = mailbox(call, unescape(path.substring(11)));
                if (value.isNull() || value.isBoolean() && !value.asBoolean()) {
                    mailboxes.remove(box);
                } else {
                    mailboxes.add(box);
                }
            } else {
                throw SetError.invalidProperties("Only keywords and mailboxIds of an Email can change.", path);
            }
        }
        if (mailboxes != null && mailboxes.isEmpty()) {
            throw SetError.invalidProperties("An Email belongs to at least one mailbox.", "mailboxIds");
        }
        try {
            if (keywords != null && !keywords.equals(message.keywords())) {
                Map.Entry<MailboxId, Long> in = message.mailboxes().entrySet().iterator().next();
                account.store(in.getKey(), List.of(in.getValue()),
                        new KeywordChange(KeywordChange.Operation.REPLACE, keywords, -1));
            }
            if (mailboxes != null && !mailboxes.equals(message.mailboxes().keySet())) {
                account.setMailboxes(messageId, mailboxes);
            }
        } catch (MailboxException e) {
            throw MailboxMethods.setError(e);
        }
    }

    /** JSON Pointer escapes in patch paths (RFC 6901). */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
