package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.delivery.DeliveryReport;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.StoredMessage;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.outbound.OutboundQueue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EmailSubmission/get, changes, query and set (RFC 8621 §7). A submission is sent at once (no delayed
 * send, so {@code undoStatus} is {@code final}): recipients of local domains are delivered through the
 * core's Delivery (filters and Sieve run), the others go to the outbound queue. The Bcc field is removed
 * from what is sent (§7.5). Submissions are kept (the last 200) in an account setting.
 * {@code onSuccessUpdateEmail} and {@code onSuccessDestroyEmail} run as an implicit Email/set whose
 * response follows (§7.5).
 */
final class SubmissionMethods {

    static final String KEY = "jmap.submissions";
    private static final int KEEP = 200;

    private SubmissionMethods() {
    }

    static void register(Methods m) {
        m.add("EmailSubmission/get", Capabilities.SUBMISSION, SubmissionMethods::get);
        m.add("EmailSubmission/changes", Capabilities.SUBMISSION, (call, args) -> {
            call.checkAccount(args);
            String since = Json.string(args, "sinceState");
            if (since == null) {
                throw MethodException.invalidArguments("sinceState is required");
            }
            return StoredObjects.load(call.account, KEY).changes(call.accountId, since, Json.number(args, "maxChanges", 0, 1));
        });
        m.add("EmailSubmission/query", Capabilities.SUBMISSION, SubmissionMethods::query);
        m.add("EmailSubmission/set", Capabilities.SUBMISSION, SubmissionMethods::set);
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        List<String> props = Json.stringList(args, "properties");
        StoredObjects submissions = StoredObjects.load(call.account, KEY);
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        for (String id : ids == null ? List.copyOf(submissions.objects.keySet()) : ids) {
            ObjectNode o = submissions.objects.get(id);
            if (o == null) {
                notFound.add(id);
            } else {
                list.add(Standard.select(o, props == null ? null : Set.copyOf(props)));
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", Long.toString(submissions.state));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    static ObjectNode query(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        StoredObjects submissions = StoredObjects.load(call.account, KEY);
        JsonNode filter = args.path("filter");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode s : submissions.objects.values()) {
            if (matches(s, filter, "identityIds", "identityId") && matches(s, filter, "emailIds", "emailId")
                    && matches(s, filter, "threadIds", "threadId")
                    && (!filter.has("undoStatus") || filter.get("undoStatus").asText().equals(s.path("undoStatus").asText()))
                    && (!filter.has("before") || s.path("sendAt").asText().compareTo(filter.get("before").asText()) < 0)
                    && (!filter.has("after") || s.path("sendAt").asText().compareTo(filter.get("after").asText()) >= 0)) {
                matching.add(s);
            }
        }
        JsonNode sort = args.path("sort");
        if (sort.isArray() && sort.size() > 0) {
            String property = sort.get(0).path("property").asText();
            if (!Set.of("emailId", "threadId", "sentAt", "sendAt").contains(property)) {
                throw MethodException.unsupportedSort("Submissions sort by emailId, threadId or sentAt.");
            }
            String field = property.equals("sentAt") ? "sendAt" : property;
            java.util.Comparator<ObjectNode> c = java.util.Comparator.comparing(s -> s.path(field).asText());
            matching.sort(sort.get(0).path("isAscending").asBoolean(true) ? c : c.reversed());
        }
        List<String> ids = matching.stream().map(s -> s.get("id").asText()).toList();
        return Standard.page(call, args, ids, Long.toString(submissions.state), false);
    }

    private static boolean matches(ObjectNode s, JsonNode filter, String listName, String property) {
        JsonNode list = filter.get(listName);
        if (list == null || !list.isArray()) {
            return true;
        }
        for (JsonNode id : list) {
            if (id.asText().equals(s.path(property).asText())) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        synchronized (StoredObjects.lock(call.account, KEY)) {
            StoredObjects submissions = StoredObjects.load(call.account, KEY);
            String oldState = Long.toString(submissions.state);
            Standard.checkSet(call, args, oldState);
            ObjectNode created = Json.object();
            ObjectNode notCreated = Json.object();
            Map<String, String> createdEmails = new java.util.HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = args.path("create").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    ObjectNode submission = submit(call, submissions, e.getValue());
                    call.createdIds.put(e.getKey(), submission.get("id").asText());
                    createdEmails.put(submission.get("id").asText(), submission.get("emailId").asText());
                    created.set(e.getKey(), Json.object().put("id", submission.get("id").asText())
                            .put("undoStatus", "final").put("sendAt", submission.get("sendAt").asText()));
                } catch (SetError error) {
                    notCreated.set(e.getKey(), error.toJson());
                }
            }
            ObjectNode notUpdated = Json.object();
            args.path("update").fieldNames().forEachRemaining(id -> notUpdated.set(id, new SetError("cannotUnsend",
                    "The message was sent at once; it cannot be changed or cancelled.").toJson()));
            ObjectNode notDestroyed = Json.object();
            ArrayNode destroyed = Json.array();
            for (JsonNode idNode : args.path("destroy")) {
                String id = call.resolve(idNode.asText());
                if (submissions.objects.remove(id) == null) {
                    notDestroyed.set(id, SetError.notFound().toJson());
                } else {
                    submissions.changed(id, 'd');
                    destroyed.add(id);
                }
            }
            while (submissions.objects.size() > KEEP) {
                String oldest = submissions.objects.keySet().iterator().next();
                submissions.objects.remove(oldest);
            }
            submissions.save(call.account);
            ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                    .put("newState", Long.toString(submissions.state));
            out.set("created", created);
            out.set("updated", Json.object());
            out.set("destroyed", destroyed);
            out.set("notCreated", notCreated);
            out.set("notUpdated", notUpdated);
            out.set("notDestroyed", notDestroyed);
            onSuccess(call, args, createdEmails);
            return out;
        }
    }

    /** The implicit Email/set of onSuccessUpdateEmail / onSuccessDestroyEmail (§7.5). */
    private static void onSuccess(Call call, ObjectNode args, Map<String, String> createdEmails) {
        JsonNode update = args.get("onSuccessUpdateEmail");
        JsonNode destroy = args.get("onSuccessDestroyEmail");
        if ((update == null || update.isNull()) && (destroy == null || destroy.isNull())) {
            return;
        }
        String oldState = Long.toString(call.account.state());
        ObjectNode emailUpdates = Json.object();
        if (update != null && update.isObject()) {
            update.fields().forEachRemaining(e -> {
                String email = emailFor(call, e.getKey(), createdEmails);
                if (email != null) {
                    emailUpdates.set(email, e.getValue());
                }
            });
        }
        ArrayNode emailDestroys = Json.array();
        if (destroy != null && destroy.isArray()) {
            for (JsonNode id : destroy) {
                String email = emailFor(call, id.asText(), createdEmails);
                if (email != null) {
                    emailDestroys.add(email);
                }
            }
        }
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        EmailSet.update(call, emailUpdates, updated, notUpdated);
        ArrayNode destroyed = Json.array();
        ObjectNode notDestroyed = Json.object();
        EmailSet.destroy(call, emailDestroys, destroyed, notDestroyed);
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                .put("newState", Long.toString(call.account.state()));
        out.putNull("created");
        out.set("updated", updated.isEmpty() ? Json.NODES.nullNode() : updated);
        out.set("destroyed", destroyed.isEmpty() ? Json.NODES.nullNode() : destroyed);
        out.putNull("notCreated");
        out.set("notUpdated", notUpdated.isEmpty() ? Json.NODES.nullNode() : notUpdated);
        out.set("notDestroyed", notDestroyed.isEmpty() ? Json.NODES.nullNode() : notDestroyed);
        call.addResponse("Email/set", out);
    }

    /** "#creationId" of a submission created in this call, or the id of an existing submission. */
    private static String emailFor(Call call, String ref, Map<String, String> createdEmails) {
        String id = ref.startsWith("#") ? call.createdIds.get(ref.substring(1)) : ref;
        return id == null ? null : createdEmails.get(id);
    }

    private static ObjectNode submit(Call call, StoredObjects submissions, JsonNode o) throws SetError {
        String identityId = call.resolve(o.path("identityId").asText(null));
        ObjectNode identity = identityId == null ? null : IdentityMethods.load(call).objects.get(identityId);
        if (identity == null) {
            throw SetError.invalidProperties("No identity " + identityId + ".", "identityId");
        }
        String emailId = call.resolve(o.path("emailId").asText(null));
        MessageId messageId;
        StoredMessage message;
        MessageSummary summary;
        try {
            messageId = MessageId.parse(emailId);
            message = call.account.message(messageId);
            summary = call.account.summary(messageId);
        } catch (IllegalArgumentException | MailboxException | NullPointerException e) {
            throw new SetError("invalidEmail", "No email " + emailId + ".", List.of("emailId"));
        }
        String mailFrom;
        List<String> rcptTo = new ArrayList<>();
        JsonNode envelope = o.get("envelope");
        if (envelope != null && !envelope.isNull()) {
            mailFrom = envelope.path("mailFrom").path("email").asText("");
            for (JsonNode r : envelope.path("rcptTo")) {
                rcptTo.add(r.path("email").asText());
            }
        } else {
            mailFrom = identity.get("email").asText();
            Set<String> all = new LinkedHashSet<>();
            for (List<MailAddress> list : java.util.Arrays.asList(summary.envelope().to(), summary.envelope().cc(),
                    summary.envelope().bcc())) {
                if (list != null) {
                    list.stream().map(MailAddress::address).filter(a -> a != null && a.contains("@")).forEach(all::add);
                }
            }
            rcptTo.addAll(all);
        }
        if (!mailFrom.isEmpty() && !IdentityMethods.mayUse(call.user, mailFrom)) {
            throw new SetError("forbiddenMailFrom", "You may not use " + mailFrom + " as the envelope sender.");
        }
        if (rcptTo.isEmpty()) {
            throw new SetError("noRecipients", "The email has no recipients.");
        }
        List<Address> recipients = new ArrayList<>();
        for (String r : rcptTo) {
            try {
                recipients.add(Address.parse(r));
            } catch (IllegalArgumentException e) {
                throw new SetError("invalidRecipients", "Not an address: " + r, List.of("envelope"));
            }
        }
        byte[] raw = withoutBcc(EmailGet.read(call.account, messageId));
        ReversePath from = mailFrom.isEmpty() ? ReversePath.NULL : ReversePath.of(Address.parse(mailFrom));
        Delivery delivery = call.jmap.delivery().get();
        OutboundQueue outbound = call.jmap.outbound().get();
        List<Address> local = new ArrayList<>();
        List<Address> remote = new ArrayList<>();
        for (Address r : recipients) {
            (delivery != null && delivery.isLocalDomain(r.domain()) ? local : remote).add(r);
        }
        if (!remote.isEmpty() && outbound == null) {
            throw new SetError("forbiddenToSend", "Mail to other servers cannot be sent now: no outbound queue runs.");
        }
        ObjectNode status = Json.object();
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        try {
            if (!local.isEmpty()) {
                String received = "Received: from JMAP client by " + EmailSet.hostname(call) + " with HTTP (JMAP)"
                        + " for " + call.user.name() + "; " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(ZoneOffset.UTC));
                // The recipients' filters (Sieve, milters at DATA) run as for mail submitted over SMTP.
                DeliveryReport report = delivery.deliver(new Envelope(from, local, Map.of(), null,
                        call.client.getAddress(), call.user.name()), new SessionInfo(call.client, null, call.user.name(),
                        call.secure, "jmap", "jmap-" + Long.toString(System.nanoTime(), 36)), new ByteArrayInputStream(raw),
                        received, List.of());
                for (int i = 0; i < local.size(); i++) {
                    var result = report.results().get(i);
                    status.putObject(local.get(i).toString()).put("smtpReply", result.reply().toString())
                            .put("delivered", result.reply().code() < 300 ? "yes" : result.reply().code() < 500 ? "queued" : "no")
                            .put("displayed", "unknown");
                }
            }
            if (!remote.isEmpty()) {
                outbound.enqueue(new Envelope(from, remote, Map.of(), null, null, call.user.name()),
                        new ByteArrayInputStream(DkimSigning.signed(call.jmap.signer().get(), from, raw)));
                for (Address r : remote) {
                    status.putObject(r.toString()).put("smtpReply", "250 2.0.0 Queued").put("delivered", "queued")
                            .put("displayed", "unknown");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String id = submissions.newId("S");
        ObjectNode submission = Json.object().put("id", id).put("identityId", identityId).put("emailId", emailId)
                .put("threadId", message.thread().toString());
        ObjectNode env = submission.putObject("envelope");
        env.putObject("mailFrom").put("email", mailFrom).putNull("parameters");
        ArrayNode rcpts = env.putArray("rcptTo");
        recipients.forEach(r -> rcpts.addObject().put("email", r.toString()).putNull("parameters"));
        submission.put("sendAt", now).put("undoStatus", "final");
        submission.set("deliveryStatus", status);
        submission.putArray("dsnBlobIds");
        submission.putArray("mdnBlobIds");
        submissions.objects.put(id, submission);
        submissions.changed(id, 'c');
        return submission;
    }

    /** The message with its Bcc header field removed (RFC 8621 §7.5). */
    static byte[] withoutBcc(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return raw;
        }
        String header = text.substring(0, end + 2);
        String cleaned = header.replaceAll("(?im)^bcc:.*\\r\\n([ \\t].*\\r\\n)*", "");
        return (cleaned + text.substring(end + 2)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
