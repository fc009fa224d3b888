package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mailbox.Appended;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Email/import, Email/copy and Email/parse (RFC 8621 §4.7 – §4.9). */
final class EmailTransfer {

    private EmailTransfer() {
    }

    static void register(Methods m) {
        m.add("Email/import", Capabilities.MAIL, EmailTransfer::importEmails);
        m.add("Email/copy", Capabilities.MAIL, EmailTransfer::copy);
        m.add("Email/parse", Capabilities.MAIL, EmailTransfer::parse);
    }

    static ObjectNode importEmails(Call call, ObjectNode args) throws MethodException {
        String oldState = Long.toString(call.account.state());
        call.checkAccount(args);
        JsonNode emails = args.get("emails");
        if (emails == null || !emails.isObject()) {
            throw MethodException.invalidArguments("emails is required");
        }
        if (emails.size() > call.jmap.limits().maxObjectsInSet()) {
            throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInSet() + " emails per import.");
        }
        String ifInState = Json.string(args, "ifInState");
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw MethodException.stateMismatch();
        }
        ObjectNode created = Json.object();
        ObjectNode notCreated = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = emails.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode email = e.getValue();
            try {
                String blobId = call.resolve(email.path("blobId").asText(null));
                byte[] raw = call.jmap.blobs().read(call.account, blobId).orElseThrow(() ->
                        new SetError("blobNotFound", "No blob " + email.path("blobId").asText() + "."));
                Set<MailboxId> mailboxes = EmailSet.mailboxIds(call, email.get("mailboxIds"));
                Set<String> keywords = EmailSet.keywords(email.get("keywords"));
                Instant receivedAt = email.hasNonNull("receivedAt") ? Instant.parse(email.get("receivedAt").asText()) : null;
                Appended appended = EmailSet.append(call.account, mailboxes, raw, keywords, receivedAt);
                call.createdIds.put(e.getKey(), appended.id().toString());
                created.set(e.getKey(), Json.object().put("id", appended.id().toString())
                        .put("blobId", Blobs.message(appended.id())).put("threadId", appended.thread().toString())
                        .put("size", appended.size()));
            } catch (SetError error) {
                notCreated.set(e.getKey(), error.toJson());
            } catch (java.time.format.DateTimeParseException error) {
                notCreated.set(e.getKey(), SetError.invalidProperties("receivedAt is not a UTCDate.", "receivedAt").toJson());
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                .put("newState", Long.toString(call.account.state()));
        out.set("created", created);
        out.set("notCreated", notCreated);
        return out;
    }

    /** Copies between accounts only (RFC 8620 §5.4); this server serves one account per user. */
    static ObjectNode copy(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String from = Json.string(args, "fromAccountId");
        if (from == null) {
            throw MethodException.invalidArguments("fromAccountId is required");
        }
        if (from.equals(call.accountId)) {
            throw MethodException.invalidArguments("fromAccountId must differ from accountId; "
                    + "within one account, change mailboxIds with Email/set.");
        }
        throw new MethodException("fromAccountNotFound", "No account " + from + " is shared with you.");
    }

    static ObjectNode parse(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> blobIds = Json.stringList(args, "blobIds");
        if (blobIds == null) {
            throw MethodException.invalidArguments("blobIds is required");
        }
        if (blobIds.size() > call.jmap.limits().maxObjectsInGet()) {
            throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInGet() + " blobs per parse.");
        }
        List<String> properties = Json.stringList(args, "properties");
        properties = properties == null ? List.of("messageId", "inReplyTo", "references", "sender", "from", "to",
                "cc", "bcc", "replyTo", "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody",
                "htmlBody", "attachments") : properties;
        EmailView.checkProperties(properties, EmailView.KNOWN);
        List<String> bodyProperties = Json.stringList(args, "bodyProperties");
        bodyProperties = bodyProperties == null ? EmailView.DEFAULT_BODY_PROPERTIES : bodyProperties;
        EmailView.checkProperties(bodyProperties, EmailView.KNOWN_BODY);
        if (properties.contains("bodyStructure") && !bodyProperties.contains("subParts")) {
            bodyProperties = new java.util.ArrayList<>(bodyProperties);
            bodyProperties.add("subParts");
        }
        EmailView.BodyValueOptions values = new EmailView.BodyValueOptions(Json.bool(args, "fetchTextBodyValues", false),
                Json.bool(args, "fetchHTMLBodyValues", false), Json.bool(args, "fetchAllBodyValues", false),
                Json.number(args, "maxBodyValueBytes", 0, 0));
        ObjectNode parsed = Json.object();
        ArrayNode notParsable = Json.array();
        ArrayNode notFound = Json.array();
        for (String blobId : blobIds) {
            byte[] raw = call.jmap.blobs().read(call.account, blobId).orElse(null);
            if (raw == null) {
                notFound.add(blobId);
                continue;
            }
            var summary = Jmap.PARSER.parse(raw);
            ObjectNode email = new EmailView(null, null, summary, () -> raw).render(properties, bodyProperties, values);
            email.remove("id");
            if (properties.contains("id")) {
                email.putNull("id");
            }
            if (properties.contains("blobId")) {
                email.put("blobId", blobId);
            }
            parsed.set(blobId, email);
        }
        ObjectNode out = Json.object().put("accountId", call.accountId);
        out.set("parsed", parsed);
        out.set("notParsable", notParsable);
        out.set("notFound", notFound);
        return out;
    }
}
